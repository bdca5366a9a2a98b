package digits.predict;

import digits.predict.ink.UnreadableImageException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How much work preparing one image may cost: {@link #SECONDS} of the preparing thread's CPU time (wall time where
 * the JVM cannot measure a thread's CPU), so that an image built to be expensive costs a bounded share of the
 * machine and a busy machine does not fail ordinary images. Checked between the steps of the preparation.
 */
final class WorkBudget {
  /** CPU seconds one image may take to prepare: about 20 times a photographed zip code's on 2 cores. */
  static final double SECONDS = 2.0;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

  private final long start = now();
  private final long limitNanos;

  private WorkBudget(double seconds) {
    this.limitNanos = (long) (seconds * 1e9);
  }

  static WorkBudget start() {
    return new WorkBudget(SECONDS);
  }

  /** A budget of {@code seconds} (tests). */
  static WorkBudget of(double seconds) {
    return new WorkBudget(seconds);
  }

  /**
   * @throws UnreadableImageException when the budget is spent, saying what was being done ({@code doing})
   */
  void check(String doing) {
    if (now() - start > limitNanos) {
      throw new UnreadableImageException(String.format(java.util.Locale.ROOT, "took more than %.1f s of work "
          + "(%s): not a line of digits this reader can read", limitNanos / 1e9, doing));
    }
  }

  private static long now() {
    return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
