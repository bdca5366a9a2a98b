package digits.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * TensorFlow's errors in the program's words: TensorFlow reports a full disk as "RESOURCE_EXHAUSTED" with a hint
 * about GPU memory, and a damaged checkpoint as "Read less bytes than requested [[{{node save/Restore}}]]". At the
 * boundary where the program reads or writes files through TensorFlow, the reason becomes one line that names the
 * file and says what to do; TensorFlow's own text stays in the cause, shown with {@code --verbose}.
 */
public final class NativeErrors {
  private NativeErrors() {}

  /** One line for {@code e}, raised while {@code doing} (e.g. "writing") {@code file}. */
  public static String describe(RuntimeException e, String doing, Path file) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left")) {
      return "no space left on the device while " + doing + " " + file + ": free some space, or choose "
          + "another --runs-dir";
    }
    if (lower.contains("read-only file system")) {
      return file + " is on a read-only file system: choose another --runs-dir";
    }
    if (lower.contains("permission denied")) {
      return "permission denied while " + doing + " " + file;
    }
    if (lower.contains("read less bytes") || lower.contains("data_loss") || lower.contains("data loss")
        || lower.contains("corrupt") || lower.contains("truncated") || lower.contains("checksum")
        || lower.contains("unable to open table file") || lower.contains("not an sstable")
        || lower.contains("can't parse") || lower.contains("failed to parse")) {
      return file + " is damaged (truncated or overwritten)";
    }
    if (lower.contains("oom when allocating") || lower.contains("out of memory")) {
      return "out of memory while " + doing + " " + file + ": use a smaller batch_size or a machine with more "
          + "memory";
    }
    return "TensorFlow failed while " + doing + " " + file + ": " + firstLine(text);
  }

  /** TensorFlow's first line without its graph-node annotations ({@code [[{{node ...}}]]}). */
  static String firstLine(String text) {
    String line = text.lines().findFirst().orElse(text);
    int node = line.indexOf("[[");
    return (node > 0 ? line.substring(0, node) : line).strip();
  }
}
