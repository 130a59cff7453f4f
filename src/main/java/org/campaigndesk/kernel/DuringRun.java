package org.campaigndesk.kernel;

/**
 * A value that holds on this thread while a piece of work runs, and is gone (or the outer one back)
 * after it: what a job hands to the engine's listeners it calls without a variable (a month being
 * opened, what it read ahead for several key tasks).
 */
public final class DuringRun<T> {

  private final ThreadLocal<T> current = new ThreadLocal<>();

  /** Runs {@code work} with {@code value} as {@link #get()} on this thread. */
  public void run(T value, Runnable work) {
    T outer = current.get();
    current.set(value);
    try {
      work.run();
    } finally {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** The value of the work running on this thread, or null outside one. */
  public T get() {
    return current.get();
  }
}
