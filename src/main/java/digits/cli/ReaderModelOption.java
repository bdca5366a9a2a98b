package digits.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --model DIR} for the commands that read people's images (predict, serve, read-batch): when it is left
 * out, the best reader under {@code runs/} ({@link ModelChoice}), named in one line.
 */
final class ReaderModelOption {
  @Option(names = {"-m", "--model"}, converter = ModelDir.class, paramLabel = "DIR",
      description = "SavedModel folder or the run folder holding it (default: the best reader under runs/, see "
          + "digits bench read).")
  Path given;

  @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR", hidden = true)
  Path runsDir;

  /** The model given, or the one chosen, saying which on {@code log}. */
  Path choose(PrintWriter log) throws IOException, UsageException {
    return ModelChoice.orChoose(given, runsDir, log);
  }
}
