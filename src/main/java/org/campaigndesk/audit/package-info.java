/**
 * What the engine's history no longer keeps since its level is audit (issue 15), kept by the
 * application in its own tables: who each task was offered to, held and completed by
 * ({@link org.campaigndesk.audit.TaskAudit}, table {@code cd_task_party}), and each value a process
 * variable took after its start ({@link org.campaigndesk.audit.VariableChangeLog},
 * {@code cd_variable_change}). {@link org.campaigndesk.audit.HistoryLevelUpgrade} moves a database
 * of history level full over, filling both tables from its identity link log, operation log and
 * variable details. Read by the ledger and the task links; depends on the kernel only.
 */
package org.campaigndesk.audit;
