package digits.inference;

import java.io.IOException;
import java.nio.file.Path;

/** A model folder that cannot be used: not a SavedModel, or a signature other than the documented one. */
public final class InvalidModelException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidModelException(Path dir, String problem) {
    super(dir + ": " + problem);
  }
}
