package digits.serve;

/** Something wrong with a request: answered with {@code status} (4xx) and the message as JSON. */
final class ClientError extends Exception {
  private static final long serialVersionUID = 1L;
  final int status;

  ClientError(int status, String message) {
    super(message);
    this.status = status;
  }
}
