package digits.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The four IDX files of an MNIST-like dataset in one folder. Accepts the LeCun names
 * ({@code train-images-idx3-ubyte}), the Kaggle names ({@code train-images.idx3-ubyte}), each raw or with
 * {@code .gz} (the content decides whether it is gzip, not the name).
 */
public record DatasetFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

  /** One of the four files, by its LeCun base name. */
  public enum Part {
    TRAIN_IMAGES("train-images", "idx3"),
    TRAIN_LABELS("train-labels", "idx1"),
    TEST_IMAGES("t10k-images", "idx3"),
    TEST_LABELS("t10k-labels", "idx1");

    private final String stem;
    private final String kind;

    Part(String stem, String kind) {
      this.stem = stem;
      this.kind = kind;
    }

    /** The LeCun file name, such as {@code train-images-idx3-ubyte}. */
    public String fileName() {
      return stem + "-" + kind + "-ubyte";
    }

    /** Every accepted name, in order of preference. */
    public List<String> acceptedNames() {
      List<String> names = new ArrayList<>();
      for (String base : List.of(stem + "-" + kind + "-ubyte", stem + "." + kind + "-ubyte")) {
        names.add(base);
        names.add(base + ".gz");
      }
      return names;
    }

    /** The accepted file in {@code dir}, if there is one. */
    public Optional<Path> find(Path dir) {
      return acceptedNames().stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }
  }

  /** Finds all four files in {@code dir}, or returns the parts that are missing. */
  public static Located locate(Path dir) {
    List<Part> missing = new ArrayList<>();
    Path[] found = new Path[Part.values().length];
    for (Part part : Part.values()) {
      Optional<Path> file = part.find(dir);
      file.ifPresentOrElse(f -> found[part.ordinal()] = f, () -> missing.add(part));
    }
    DatasetFiles files = missing.isEmpty() ? new DatasetFiles(found[0], found[1], found[2], found[3]) : null;
    return new Located(files, List.copyOf(missing));
  }

  /** The outcome of {@link #locate}: all four files, or the list of missing parts. */
  public record Located(DatasetFiles files, List<Part> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  public LabeledImages readTrain(int classes) throws IOException {
    return LabeledImages.read(trainImages, trainLabels, classes);
  }

  public LabeledImages readTest(int classes) throws IOException {
    return LabeledImages.read(testImages, testLabels, classes);
  }
}
