/**
 * Operations, on top of everything else: health indicators (job executor, mail), metrics, the
 * OpenAPI description of {@code /api}, and the order in which the database is prepared (Flyway before
 * the process engine). Nothing in the feature packages depends on this package.
 */
package org.campaigndesk.ops;
