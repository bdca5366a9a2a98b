package digits.cli;

import digits.data.DatasetFiles;
import digits.data.Datasets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code digits fetch}: makes sure the dataset's files are present and valid. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Download the dataset if it is missing, verify it, and print where its files are.")
final class FetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    Datasets.Loaded loaded = data.load(spec.commandLine().getErr());
    DatasetFiles files = loaded.files();
    var out = spec.commandLine().getOut();
    out.printf("%s: %d training and %d test images of %dx%d in %s%n", loaded.name(), loaded.train().size(),
        loaded.test().size(), loaded.train().height(), loaded.train().width(), files.trainImages().getParent());
    for (var f : new java.nio.file.Path[] {files.trainImages(), files.trainLabels(), files.testImages(),
        files.testLabels()}) {
      out.printf("  %s%n", f);
    }
    return 0;
  }
}
