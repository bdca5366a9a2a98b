package digits.predict;

import digits.inference.InvalidModelException;
import digits.io.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A reader's folder: a run folder or the shipped reader's. It holds {@value #SAVED_MODEL}/ (the digit model),
 * {@value #LINE_MODEL}/ when the reader has a line model, and {@value #READING_FILE}
 * once {@code digits bench read} has scored it: its tuning score, the categories scored, the fingerprint of the
 * models it was measured on, and the {@link Calibration}.
 *
 * @param dir the folder
 */
public record ModelFolder(Path dir) {
  /** The digit model: a SavedModel. */
  public static final String SAVED_MODEL = "saved_model";
  /**
   * The line model, when the reader has one: a model that reads a whole line ({@link LineInput}), which then weighs
   * in on every reading of a line ({@link LineRescoring}).
   */
  public static final String LINE_MODEL = "line_model";
  /**
   * Where {@code digits bench read} records how the models read the development set: the tuning score, its
   * categories, the models' fingerprint, and the {@link Calibration}.
   */
  public static final String READING_FILE = "reading.properties";
  /** The tuning part's exact share, in {@value #READING_FILE}. */
  public static final String SCORE_KEY = "tuning_exact";
  /** The development set's categories the score was measured on, space-separated. */
  public static final String CATEGORIES_KEY = "categories";
  /** {@link #fingerprint()} of the models the score was measured on. */
  public static final String FINGERPRINT_KEY = "model_sha256";

  /** The folder of {@code model}: a {@value #SAVED_MODEL} folder's parent, or the folder itself. */
  public static ModelFolder of(Path model) {
    Path abs = model.toAbsolutePath().normalize();
    boolean saved = abs.getFileName() != null && abs.getFileName().toString().equals(SAVED_MODEL);
    return new ModelFolder(saved && abs.getParent() != null ? abs.getParent() : abs);
  }

  public Path savedModel() {
    return dir.resolve(SAVED_MODEL);
  }

  public Path lineModel() {
    return dir.resolve(LINE_MODEL);
  }

  public Path readingFile() {
    return dir.resolve(READING_FILE);
  }

  /** Whether it holds a SavedModel. */
  public boolean hasModel() {
    return Files.isRegularFile(savedModel().resolve("saved_model.pb"));
  }

  /** One SHA-256 over every file of the digit model and the line model: changes when either is replaced. */
  public String fingerprint() throws IOException {
    return Sha256.ofFolders(savedModel(), lineModel());
  }

  /** The recorded reading score, when there is one and it was measured on these very models and categories. */
  public Optional<Double> score(String categories) {
    Properties p = reading();
    if (p == null || !categories.equals(p.getProperty(CATEGORIES_KEY, "").strip())) {
      return Optional.empty();
    }
    try {
      if (!fingerprint().equals(p.getProperty(FINGERPRINT_KEY, "").strip())) {
        return Optional.empty();
      }
      double d = Double.parseDouble(p.getProperty(SCORE_KEY, "").strip());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The categories of the recorded score, or "" when there is none. */
  public String scoredCategories() {
    Properties p = reading();
    return p == null ? "" : p.getProperty(CATEGORIES_KEY, "").strip();
  }

  /**
   * The recorded calibration ({@link Calibration#NONE} when there is none).
   *
   * @throws InvalidModelException naming the file when it is damaged
   */
  public Calibration calibration() throws InvalidModelException {
    try {
      return Calibration.read(readingFile());
    } catch (IOException e) {
      throw new InvalidModelException(readingFile(), "damaged calibration: " + e.getMessage()
          + " (run digits bench read again, or delete the file to read uncalibrated)");
    }
  }

  private Properties reading() {
    if (!Files.isRegularFile(readingFile())) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(readingFile())) {
      p.load(in);
      return p;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Records how the models read the development set's tuning part ({@value #READING_FILE}): the exact share, the
   * categories it was measured on, the models' fingerprint (so that a score is never compared across other sets
   * or kept for other models) and the calibration that predict and serve apply. Written atomically.
   */
  public void recordReading(double tuningExact, List<String> categories, Calibration calibration)
      throws IOException {
    String text = String.format(java.util.Locale.ROOT, "# digits bench read: exact answers on the development "
        + "set's tuning part, its categories, the models they were measured on, and the calibration of the "
        + "confidence by kind of reading (predict and serve apply it)%n%s=%.6f%n%s=%s%n%s=%s%n%s", SCORE_KEY,
        tuningExact, CATEGORIES_KEY, String.join(" ", categories), FINGERPRINT_KEY, fingerprint(),
        calibration.properties());
    digits.io.AtomicFiles.write(readingFile(), o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
