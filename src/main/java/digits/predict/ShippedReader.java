package digits.predict;

import digits.inference.InvalidModelException;
import digits.io.AtomicFiles;
import digits.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reader that ships with the program ({@code models/reader/} in the repository, {@value #RESOURCE} inside the
 * program): a digit model, its line model and its calibration, with a SHA-256 of every file ({@value #SUMS}),
 * checked each time it is found. Inside a jar it is copied once to a cache folder ({@code $DIGITS_CACHE}, else
 * {@code $XDG_CACHE_HOME/digits}, else {@code ~/.cache/digits}), since TensorFlow loads a SavedModel from a folder.
 *
 * <pre>{@code
 * try (DigitRecognizer r = ShippedReader.load()) {
 *   NumberReading zip = r.read(ImageIO.read(new File("envelope.jpg")), ReadRequest.LINE);
 * }
 * }</pre>
 */
public final class ShippedReader {
  /** Where the program carries it. */
  public static final String RESOURCE = "/digits/models/reader/";
  /** The list of its files and their SHA-256, as {@code sha256sum} writes it. */
  public static final String SUMS = "SHA256SUMS";
  /** What users are told it is. */
  public static final String NAME = "the shipped reader (models/reader)";

  private ShippedReader() {}

  /** The shipped reader, checked and ready to load. */
  public static DigitRecognizer load() throws InvalidModelException {
    ModelFolder folder = find().orElseThrow(() -> new InvalidModelException(Path.of(RESOURCE),
        "this build of the program carries no shipped reader"));
    return DigitRecognizer.load(folder.savedModel());
  }

  /**
   * Its folder, every file checked against {@value #SUMS}; empty when this build carries none.
   *
   * @throws InvalidModelException naming the file when one is missing or damaged
   */
  public static Optional<ModelFolder> find() throws InvalidModelException {
    URL sums = ShippedReader.class.getResource(RESOURCE + SUMS);
    if (sums == null) {
      return Optional.empty();
    }
    try {
      byte[] listing;
      try (InputStream in = sums.openStream()) {
        listing = in.readAllBytes();
      }
      Map<String, String> expected = parse(listing, RESOURCE + SUMS);
      if (sums.getProtocol().equals("file")) {
        Path dir = Path.of(sums.toURI()).getParent();
        verify(dir, expected);
        return Optional.of(new ModelFolder(dir));
      }
      return Optional.of(new ModelFolder(cached(listing, expected)));
    } catch (IOException | URISyntaxException e) {
      throw e instanceof InvalidModelException invalid ? invalid
          : new InvalidModelException(Path.of(RESOURCE), "cannot be read: " + e.getMessage());
    }
  }

  /** {@code path -> sha256} from a {@code sha256sum} listing. */
  static Map<String, String> parse(byte[] listing, String name) throws InvalidModelException {
    Map<String, String> files = new LinkedHashMap<>();
    for (String line : new String(listing, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+\\*?", 2);
      if (f.length != 2 || !f[0].matches("[0-9a-f]{64}") || f[1].contains("..") || f[1].startsWith("/")) {
        throw new InvalidModelException(Path.of(name), "not a SHA-256 listing: '" + line + "'");
      }
      files.put(f[1], f[0]);
    }
    if (files.isEmpty()) {
      throw new InvalidModelException(Path.of(name), "lists no files");
    }
    return files;
  }

  /** Throws, naming the file, unless every listed file is in {@code dir} with its checksum. */
  static void verify(Path dir, Map<String, String> expected) throws IOException {
    for (var e : expected.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        throw new InvalidModelException(file, "missing from the shipped reader");
      }
      String actual = Sha256.of(file);
      if (!actual.equals(e.getValue())) {
        throw new InvalidModelException(file, "damaged: SHA-256 " + actual + ", expected " + e.getValue()
            + " (restore it: git checkout models/, or rebuild the program)");
      }
    }
  }

  /** The checked copy in the cache folder, made from the program's resources when missing or damaged. */
  private static Path cached(byte[] listing, Map<String, String> expected) throws IOException {
    String version = Sha256.of(new java.io.ByteArrayInputStream(listing)).substring(0, 16);
    Path dir = cacheRoot().resolve("reader-" + version);
    if (Files.isDirectory(dir)) {
      try {
        verify(dir, expected);
        return dir;
      } catch (InvalidModelException damaged) {
        AtomicFiles.deleteTree(dir); // copied again below, from the program itself
      }
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
    try {
      for (String file : expected.keySet()) {
        Path target = tmp.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = ShippedReader.class.getResourceAsStream(RESOURCE + file)) {
          if (in == null) {
            throw new InvalidModelException(Path.of(RESOURCE + file), "missing from the program's shipped reader");
          }
          Files.copy(in, target);
        }
      }
      Files.write(tmp.resolve(SUMS), listing);
      try {
        verify(tmp, expected);
      } catch (InvalidModelException e) {
        throw new InvalidModelException(Path.of(RESOURCE), "damaged inside the program: " + e.getMessage());
      }
      try {
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        verify(dir, expected); // another process copied it first
      }
      return dir;
    } finally {
      if (Files.exists(tmp)) {
        AtomicFiles.deleteTree(tmp);
      }
    }
  }

  /** Where copies of the shipped reader go. */
  static Path cacheRoot() {
    String own = System.getenv("DIGITS_CACHE");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("digits");
  }
}
