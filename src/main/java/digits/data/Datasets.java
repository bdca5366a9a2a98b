package digits.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Loads a dataset by name ("mnist", "fashion": fetched when missing) or from a folder of IDX files. */
public final class Datasets {
  private Datasets() {}

  /** A training and a test set of the same image size and classes. */
  public record Loaded(String name, DatasetFiles files, LabeledImages train, LabeledImages test) {}

  /**
   * Loads {@code dataset}: a {@link KnownDataset} id, whose files live in (and are fetched into)
   * {@code dataRoot/<id>}, or the path of a folder holding the four IDX files.
   */
  public static Loaded load(String dataset, Path dataRoot, PrintWriter log) throws IOException {
    DatasetFiles files = locate(dataset, dataRoot, log);
    Path dir = files.trainImages().getParent();
    LabeledImages train = files.readTrain(LabeledImages.DEFAULT_CLASSES);
    LabeledImages test = files.readTest(LabeledImages.DEFAULT_CLASSES);
    if (train.height() != test.height() || train.width() != test.width()) {
      throw new InvalidDataException(files.testImages(), "images are " + test.height() + "x" + test.width()
          + " but the training images are " + train.height() + "x" + train.width());
    }
    KnownDataset known = KnownDataset.byId(dataset);
    return new Loaded(known != null ? known.id() : dir.getFileName().toString(), files, train, test);
  }

  /** The four files of {@code dataset}, fetching a known dataset's missing files into {@code dataRoot/<id>}. */
  public static DatasetFiles locate(String dataset, Path dataRoot, PrintWriter log) throws IOException {
    KnownDataset known = KnownDataset.byId(dataset);
    if (known != null) {
      return DatasetFetcher.forDataset(known, log).ensure(known.title(), dataRoot.resolve(known.id()));
    }
    Path dir = Path.of(dataset);
    if (!Files.isDirectory(dir)) {
      throw new InvalidDataException(dir, "is neither a known dataset (mnist, fashion) nor a folder");
    }
    DatasetFiles.Located located = DatasetFiles.locate(dir);
    if (!located.complete()) {
      throw new InvalidDataException(dir, "missing " + located.missing().stream()
          .map(p -> p.fileName() + "[.gz]").collect(Collectors.joining(", ")));
    }
    return located.files();
  }
}
