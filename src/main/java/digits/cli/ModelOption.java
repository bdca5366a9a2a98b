package digits.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model DIR}, for the commands that run one exported model. */
final class ModelOption {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "DIR",
      description = "SavedModel folder (runs/<name>/saved_model).")
  Path dir;
}
