package digits.cli;

/** A mistake in what the user asked for (exit code 2), as opposed to a failure while doing it (exit code 1). */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
