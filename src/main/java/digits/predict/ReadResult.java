package digits.predict;

/**
 * What reading one image gave: a reading; or why the image could not be read ({@code error}: "no digit found",
 * "too many pieces of ink", a corrupt file); or, with {@code failure}, a bug met while reading it (its
 * {@code error} says "internal error"), kept to this image alone.
 */
public record ReadResult(NumberReading reading, String error, Throwable failure) {
  static ReadResult read(NumberReading reading) {
    return new ReadResult(reading, null, null);
  }

  static ReadResult unreadable(String error) {
    return new ReadResult(null, error, null);
  }

  static ReadResult failed(Throwable failure) {
    return new ReadResult(null, "internal error: " + failure, failure);
  }

  public boolean ok() {
    return reading != null;
  }
}
