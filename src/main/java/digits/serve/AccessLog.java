package digits.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * One JSON line per request answered: time, the request's id (an internal error's answer names it too), method,
 * path, status, milliseconds and the request body's bytes. To stderr by default; {@link #OFF} writes nothing.
 */
public final class AccessLog {
  /** Writes nothing. */
  public static final AccessLog OFF = new AccessLog(null);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;

  private AccessLog(PrintStream out) {
    this.out = out;
  }

  public static AccessLog to(PrintStream out) {
    return new AccessLog(java.util.Objects.requireNonNull(out, "out"));
  }

  void record(String id, String method, String path, int status, double millis, long bytes) {
    if (out == null) {
      return;
    }
    var line = JSON.createObjectNode().put("time", Instant.now().toString()).put("id", id).put("method", method)
        .put("path", path).put("status", status)
        .put("ms", Double.parseDouble(String.format(Locale.ROOT, "%.1f", millis))).put("bytes", Math.max(0, bytes));
    synchronized (out) {
      out.println(line);
    }
  }
}
