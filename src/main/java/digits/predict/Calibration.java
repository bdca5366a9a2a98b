package digits.predict;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * What turns a reading's raw score into the confidence users see, per kind of reading: one digit, or a line by its
 * length ({@link Kind}). Each kind has an exponent {@code a}: confidence = raw<sup>a</sup>, fitted by
 * {@code digits bench read} on the development set's tuning part so that a reading of that kind is
 * {@link #CERTAIN} or more exactly when readings like it were right at least that often. A monotone change: the
 * order of a kind's readings stays; only which of them count as certain moves.
 *
 * @param exponents one per {@link Kind}, in its order
 */
public record Calibration(double[] exponents) implements java.io.Serializable {
  /**
   * The confidence from which a reading is an answer (not {@code uncertain}): 99.5% likely right. The same default
   * for {@code predict --min-confidence}, {@code read-batch} and the server's {@code min_confidence}.
   */
  public static final double CERTAIN = 0.995;
  /** No calibration: confidences as the model gives them. */
  public static final Calibration NONE = uniform(1);
  /** The key prefix in {@code reading.properties}: {@code confidence_exponent.1}, {@code confidence_exponent.5}... */
  public static final String KEY = "confidence_exponent";

  /** A kind of reading, by how many digits it has. */
  public enum Kind {
    ONE_DIGIT("1", 1, 1), SHORT("2-4", 2, 4), ZIP("5", 5, 5), LONG("6-8", 6, 8), ZIP9("9+", 9, Integer.MAX_VALUE);

    private final String label;
    private final int min;
    private final int max;

    Kind(String label, int min, int max) {
      this.label = label;
      this.min = min;
      this.max = max;
    }

    /** How it is written in tables and in {@code reading.properties}: {@code 1}, {@code 2-4}, {@code 5}... */
    public String label() {
      return label;
    }

    /** The kind of a reading of {@code digits} digits (a reading of none counts as one digit). */
    public static Kind of(int digits) {
      for (Kind k : values()) {
        if (digits >= k.min && digits <= k.max) {
          return k;
        }
      }
      return ONE_DIGIT;
    }
  }

  public Calibration {
    if (exponents.length != Kind.values().length) {
      throw new IllegalArgumentException("Expected " + Kind.values().length + " exponents, received "
          + exponents.length);
    }
    for (double a : exponents) {
      if (!(a > 0 && Double.isFinite(a))) {
        throw new IllegalArgumentException("Expected positive confidence exponents, received " + a);
      }
    }
    exponents = exponents.clone();
  }

  /** The same exponent for every kind. */
  public static Calibration uniform(double exponent) {
    double[] a = new double[Kind.values().length];
    Arrays.fill(a, exponent);
    return new Calibration(a);
  }

  /** The exponent for readings of {@code kind}. */
  public double exponent(Kind kind) {
    return exponents[kind.ordinal()];
  }

  /** The confidence of a reading of {@code digits} digits whose raw score is {@code raw}. */
  public float apply(double raw, int digits) {
    double a = exponent(Kind.of(digits));
    return (float) (a == 1 ? raw : Math.pow(raw, a));
  }

  /** The exponent that puts a raw score of {@code threshold} at {@link #CERTAIN} ({@code threshold} in (0, 1)). */
  public static double exponentAt(double threshold) {
    // a hair smaller, so that the threshold itself lands at CERTAIN or just above it after rounding
    return Math.log(CERTAIN) / Math.log(threshold) * (1 - 1e-9);
  }

  /** The lines of {@code reading.properties} that record it. */
  public String properties() {
    StringBuilder s = new StringBuilder();
    for (Kind k : Kind.values()) {
      s.append(String.format(Locale.ROOT, "%s.%s=%.8g%n", KEY, k.label(), exponent(k)));
    }
    return s.toString();
  }

  /**
   * The calibration recorded in {@code file} ({@code reading.properties}); {@link #NONE} when there is no such file.
   * A kind it does not name keeps {@code confidence_exponent} (one exponent for all, as older files have it), else 1.
   *
   * @throws IOException naming the file when it cannot be read or holds a value that is not a positive number
   */
  public static Calibration read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a properties file (" + e.getMessage() + ")");
    }
    double[] a = new double[Kind.values().length];
    double all = number(file, KEY, p.getProperty(KEY, "1"));
    for (Kind k : Kind.values()) {
      String key = KEY + "." + k.label();
      a[k.ordinal()] = number(file, key, p.getProperty(key, String.valueOf(all)));
    }
    return new Calibration(a);
  }

  private static double number(Path file, String key, String value) throws IOException {
    try {
      double d = Double.parseDouble(value.strip());
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IOException(file + ": " + key + " is '" + value + "', expected a positive number");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && Arrays.equals(exponents, c.exponents);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(exponents);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Kind k : Kind.values()) {
      s.append(s.isEmpty() ? "" : ", ").append(k.label()).append(k == Kind.ONE_DIGIT ? " digit: " : " digits: ")
          .append(String.format(Locale.ROOT, "^%.3g", exponent(k)));
    }
    return s.toString();
  }
}
