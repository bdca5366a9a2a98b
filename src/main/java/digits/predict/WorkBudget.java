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
   * Checked for every candidate digit, so it builds nothing unless the budget is spent.
   *
   * @param pieces the pieces of ink found, {@code candidates} the candidate digits made of them (0 before that)
   * @throws UnreadableImageException when the budget is spent, saying how much there was to prepare
   */
  void check(int pieces, int candidates) {
    if (now() - start > limitNanos) {
      throw new UnreadableImageException(String.format(java.util.Locale.ROOT, "took more than %.1f s of work "
          + "(%s%d pieces of ink): not a line of digits this reader can read", limitNanos / 1e9,
          candidates > 0 ? "preparing " + candidates + " candidate digits from " : "finding ", pieces));
    }
  }

  private static long now() {
    return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
