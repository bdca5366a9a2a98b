package digits.predict;

/**
 * How an image is to be read: as {@link #ONE_DIGIT one digit} (the whole image is one digit), as a {@link #LINE line
 * of digits} whose length the reader finds, or as a line of exactly {@code n} digits ({@link #lineOf}: a zip code's
 * 5). The one way predict, serve, read-batch, the benchmarks and the Java API say what they ask for.
 *
 * @param oneDigit whether the whole image is one digit
 * @param length the number of digits on the line when it is known, else 0; 1 for one digit
 */
public record ReadRequest(boolean oneDigit, int length) implements java.io.Serializable {
  /** The whole image is one digit. */
  public static final ReadRequest ONE_DIGIT = new ReadRequest(true, 1);
  /** A line of digits of any length. */
  public static final ReadRequest LINE = new ReadRequest(false, 0);

  public ReadRequest {
    if (length < 0 || (oneDigit && length != 1)) {
      throw new IllegalArgumentException("Expected one digit, or a line of 0 (any) or more digits, received "
          + (oneDigit ? "one digit of length " : "a line of length ") + length);
    }
  }

  /** A line of exactly {@code digits} digits, or of any length when {@code digits} is 0. */
  public static ReadRequest lineOf(int digits) {
    return digits == 0 ? LINE : new ReadRequest(false, digits);
  }

  /** What the command-line and HTTP options ask for: one digit when {@code oneDigit}, else {@link #lineOf}. */
  public static ReadRequest of(boolean oneDigit, int lineLength) {
    if (oneDigit && lineLength > 0) {
      throw new IllegalArgumentException("one digit has no line length to expect (received " + lineLength + ")");
    }
    return oneDigit ? ONE_DIGIT : lineOf(lineLength);
  }

  /** The number of digits a line must have, 0 when any number will do (and for one digit). */
  public int expectedLength() {
    return oneDigit ? 0 : length;
  }

  @Override
  public String toString() {
    return oneDigit ? "one digit" : length == 0 ? "a line of digits" : "a line of " + length + " digits";
  }
}
