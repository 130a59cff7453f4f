package org.campaigndesk.kernel;

/**
 * Work that a transaction decides on and a job of its own does later (see {@link DeferredJobs}):
 * e.g. sending a mail that was recorded as pending. {@link #run} runs inside that job's
 * transaction; throwing makes the job fail and be retried.
 */
public interface DeferredWork {

  /** A short name, unique among the application's deferred work, e.g. {@code mail}. */
  String type();

  void run(String configuration);
}
