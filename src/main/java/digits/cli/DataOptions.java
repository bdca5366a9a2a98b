package digits.cli;

import digits.data.Datasets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data comes from: shared by every command that reads a dataset. */
final class DataOptions {
  @Option(names = "--dataset", paramLabel = "NAME|DIR", defaultValue = "mnist",
      description = "mnist, fashion, or a folder holding the four IDX files (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
      description = "Where known datasets are kept and fetched to (default: ${DEFAULT-VALUE}).")
  Path dataRoot;

  Datasets.Loaded load(PrintWriter log) throws IOException {
    return Datasets.load(dataset, dataRoot, log);
  }
}
