package digits.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, mixed into every command: read by {@link ErrorHandler} to add stack traces. */
final class VerboseOption {
  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;
}
