package digits.io;

/**
 * Named points where a test can freeze the process to kill it there with SIGKILL: with the system property
 * {@code digits.crash.at=NAME:N} (say {@code checkpoint-swap:2}), reaching point NAME for the N-th time prints
 * {@code CRASHPOINT NAME N} on stderr and blocks until the process is killed. Without the property, a no-op.
 */
public final class CrashPoint {
  private static final String PROPERTY = "digits.crash.at";

  private CrashPoint() {}

  public static void reach(String name, long index) {
    String at = System.getProperty(PROPERTY);
    if (at == null || !at.equals(name + ":" + index)) {
      return;
    }
    System.err.println("CRASHPOINT " + name + " " + index);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting for the kill
      }
    }
  }
}
