package digits.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 checksums of files and of folders, as {@code sha256sum} writes them (lower-case hex). */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest (every Java runtime has SHA-256). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
    }
  }

  /** The checksum of everything {@code in} holds (read to its end, not closed). */
  public static String of(InputStream in) throws IOException {
    MessageDigest d = digest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      d.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** The checksum of {@code file}. */
  public static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /** Every regular file below {@code dir}, by its path relative to {@code dir} ('/'-separated), with its checksum. */
  public static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        sums.put(dir.relativize(f).toString().replace('\\', '/'), of(f));
      }
    }
    return sums;
  }

  /**
   * One checksum for the files of several folders (each relative path and checksum in turn): changes when any file
   * of them changes, is added or goes away. A folder that does not exist adds nothing.
   */
  public static String ofFolders(Path... dirs) throws IOException {
    MessageDigest d = digest();
    for (Path dir : dirs) {
      if (Files.isDirectory(dir)) {
        for (var e : tree(dir).entrySet()) {
          d.update((dir.getFileName() + "/" + e.getKey() + " " + e.getValue() + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
