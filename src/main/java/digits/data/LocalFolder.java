package digits.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A folder on this machine that holds the files, such as the one a system package installs. */
public record LocalFolder(Path dir) implements DatasetSource {
  @Override
  public String describe() {
    return "folder " + dir;
  }

  @Override
  public void download(DatasetFiles.Part part, Path target) throws IOException {
    Path source = part.find(dir).orElseThrow(() -> new IOException(dir + " has no " + part.fileName() + "[.gz]"));
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
