package digits.predict.ink;

/**
 * An image that holds nothing to read as digits: no ink larger than a speck, far too many pieces of ink for a line
 * of digits, or not as many digits as asked for. The image's doing, never a bug: a 422 from the server, an error
 * row from {@code predict} and {@code read-batch}. Every other exception while reading is a bug and stays one.
 */
public final class UnreadableImageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnreadableImageException(String message) {
    super(message);
  }
}
