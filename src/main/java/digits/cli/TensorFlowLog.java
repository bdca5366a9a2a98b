package digits.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Pattern;

/**
 * TensorFlow's own log lines, and how a child JVM keeps them out of the user's way: TensorFlow's C++ core logs to
 * the process's stderr from native code, its level read from the environment ({@value #LEVEL_VARIABLE}) once, when
 * the native library loads; the Abseil logger it also uses cannot be configured from outside at all. So a quiet
 * child gets {@value #LEVEL_VARIABLE}=2 (errors only) and its stderr is copied without Abseil's informational and
 * warning lines ({@link #filter}): the program says in its own words what went wrong.
 */
final class TensorFlowLog {
  static final String LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
  /** Abseil's lines before its logger is initialized: its notice about that, INFO and WARNING lines. */
  private static final Pattern NOISE = Pattern.compile(
      "^(WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to STDERR"
          + "|[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*)\r?$");
  /** A line is forwarded as soon as its start cannot begin noise (so a progress bar is not held back). */
  private static final int DECIDE_AFTER = 12;

  private TensorFlowLog() {}

  /** Copies {@code in} to {@code out}, leaving out {@link #NOISE} lines. */
  static void filter(InputStream in, OutputStream out) {
    StringBuilder held = new StringBuilder();
    boolean passing = false;
    try {
      int c;
      while ((c = in.read()) != -1) {
        if (passing) {
          out.write(c);
          if (c == '\n' || c == '\r') {
            passing = false;
            out.flush();
          } else if (in.available() == 0) {
            out.flush();
          }
          continue;
        }
        held.append((char) c);
        if (c == '\n' || c == '\r') {
          String line = held.substring(0, held.length() - 1);
          if (!NOISE.matcher(line).matches()) {
            out.write(held.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
          }
          held.setLength(0);
        } else if (held.length() >= DECIDE_AFTER && !couldBeNoise(held)) {
          out.write(held.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          out.flush();
          held.setLength(0);
          passing = true;
        }
      }
      out.write(held.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // the child is gone or our stderr is closed: nothing left to copy
    }
  }

  private static boolean couldBeNoise(CharSequence start) {
    String s = start.toString();
    return "WARNING: All log messages before absl".startsWith(s) || s.startsWith("WARNING: All log messages")
        || s.matches("[IW]\\d{4} \\d\\d:\\d\\d:.*");
  }
}
