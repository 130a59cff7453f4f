/**
 * The shared kernel at the bottom of the application: the one clock, the one default time zone, the
 * one JSON mapper, whether the job executor runs, the names every process shares (the key task's
 * variables, the API caller's request attributes). It depends on no other package of the
 * application and is the one adapter to the engine's internals ({@code org.camunda.bpm.engine.impl}):
 * {@link org.campaigndesk.kernel.Clocks} wraps {@code ClockUtil} (which tests move for time travel),
 * {@link org.campaigndesk.kernel.JobExecutors} reads the job executor's state,
 * {@link org.campaigndesk.kernel.PerCommand} keeps values for one engine command and
 * {@link org.campaigndesk.kernel.Correlations} narrows a correlation to waiting executions. Nothing here walks from
 * a called instance into its caller's executions: children report by message or returned variables.
 */
package org.campaigndesk.kernel;
