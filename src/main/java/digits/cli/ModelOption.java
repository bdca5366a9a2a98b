package digits.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model DIR}, for the commands that run one exported model. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, converter = ModelDir.class, required = true, paramLabel = "DIR",
      description = "SavedModel folder or the run folder holding it (runs/<name>).")
  Path dir;
}
