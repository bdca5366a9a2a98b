package digits.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that exists but cannot be used: the message names the file and what is wrong with it. */
public final class InvalidDataException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidDataException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
