package digits.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the training benchmarks find profiles and data and write their runs. */
final class TrainingFolders {
  @Option(names = "--profiles-dir", defaultValue = "profiles", paramLabel = "DIR",
      description = "Where profile names are looked up (default: ${DEFAULT-VALUE}).")
  Path profiles;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Where known datasets are kept and fetched to (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR",
      description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
  Path runs;
}
