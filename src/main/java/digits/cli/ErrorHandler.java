package digits.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr and an exit code: 2 for bad values given by the user
 * ({@link IllegalArgumentException}, {@link UsageException}), 1 for everything else. {@code --verbose} adds the
 * stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean usage = e instanceof IllegalArgumentException || e instanceof UsageException;
    Throwable shown = e instanceof UncheckedIOException u ? u.getCause() : e;
    String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    cli.getErr().println("digits: error: " + message);
    if (isVerbose(parsed)) {
      e.printStackTrace(cli.getErr());
    } else if (!(shown instanceof IOException) && !(shown instanceof IllegalStateException) && !usage) {
      cli.getErr().println("digits: (run with --verbose for the stack trace)");
    }
    cli.getErr().flush();
    return usage ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
  }

  private static boolean isVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
