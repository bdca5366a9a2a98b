package digits.predict;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What turns a reading's {@link Evidence} into the confidence users see: a logistic model of the chance that the
 * reading is right, confidence = 1 / (1 + e<sup>-(slope * w . features + offset)</sup>), with one weight per feature
 * and a slope and an offset per kind of reading (one digit, or a line by its length: {@link Kind}). {@code digits
 * bench read} fits the weights on the development set's tuning part (which readings were right), then, per kind, puts
 * the score from which readings of that kind were right at least {@link #CERTAIN} of the time in every tuning
 * category at {@link #CERTAIN}, and picks the slope that fits the kind's readings best around it (so that a
 * confidence of 0.8 means right about 80% of the time). {@link #NONE}, for a model never calibrated, reports the raw
 * product ({@link Evidence#raw}).
 *
 * @param weights one per {@link Evidence#NAMES}, in its order; empty for {@link #NONE}
 * @param slopes one per {@link Kind}, in its order; empty for {@link #NONE}
 * @param offsets one per {@link Kind}, in its order; empty for {@link #NONE}
 */
public record Calibration(double[] weights, double[] slopes, double[] offsets) implements java.io.Serializable {
  /**
   * The confidence from which a reading is an answer (not {@code uncertain}): 99.5% likely right. The same default
   * for {@code predict --min-confidence}, {@code read-batch} and the server's {@code min_confidence}.
   */
  public static final double CERTAIN = 0.995;
  /** No calibration: confidences as the model gives them ({@link Evidence#raw}). */
  public static final Calibration NONE = new Calibration(new double[0], new double[0], new double[0]);
  /** The key prefixes in {@code reading.properties}: {@code confidence_weight.weakest_margin}... */
  public static final String WEIGHT = "confidence_weight";
  /** ...{@code confidence_slope.1}, {@code confidence_slope.5}... */
  public static final String SLOPE = "confidence_slope";
  /** ...and {@code confidence_offset.1}, {@code confidence_offset.5}... */
  public static final String OFFSET = "confidence_offset";
  /** How far above the fitted threshold's score a reading lands at {@link #CERTAIN}: float rounding cannot undo it. */
  private static final double MARGIN = 1e-4;

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
    boolean none = weights.length == 0 && slopes.length == 0 && offsets.length == 0;
    int kinds = Kind.values().length;
    if (!none && (weights.length != Evidence.NAMES.size() || slopes.length != kinds || offsets.length != kinds)) {
      throw new IllegalArgumentException("Expected " + Evidence.NAMES.size() + " weights and " + kinds
          + " slopes and offsets, received " + weights.length + ", " + slopes.length + " and " + offsets.length);
    }
    for (double[] values : List.of(weights, slopes, offsets)) {
      for (double v : values) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("Expected finite calibration values, received " + v);
        }
      }
    }
    weights = weights.clone();
    slopes = slopes.clone();
    offsets = offsets.clone();
  }

  /** Whether it was fitted (not {@link #NONE}). */
  public boolean fitted() {
    return weights.length > 0;
  }

  /** The weights' part of the logit, the same for every kind: w . features. */
  public double score(Evidence e) {
    double[] f = e.features();
    double z = 0;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * f[i];
    }
    return z;
  }

  /** The slope for readings of {@code kind}. */
  public double slope(Kind kind) {
    return slopes[kind.ordinal()];
  }

  /** The offset for readings of {@code kind}. */
  public double offset(Kind kind) {
    return offsets[kind.ordinal()];
  }

  /** The confidence of a reading of {@code digits} digits with evidence {@code e}. */
  public float apply(Evidence e, int digits) {
    if (!fitted()) {
      return (float) e.raw();
    }
    Kind kind = Kind.of(digits);
    return (float) (1 / (1 + Math.exp(-(slope(kind) * score(e) + offset(kind)))));
  }

  /**
   * The offset that puts a reading whose {@link #score} is {@code threshold} at {@link #CERTAIN} (a hair above) under
   * {@code slope}.
   */
  public static double offsetAt(double threshold, double slope) {
    return Math.log(CERTAIN / (1 - CERTAIN)) - slope * threshold + MARGIN;
  }

  /** The lines of {@code reading.properties} that record it (none for {@link #NONE}). */
  public String properties() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < weights.length; i++) {
      s.append(String.format(Locale.ROOT, "%s.%s=%.10g%n", WEIGHT, Evidence.NAMES.get(i), weights[i]));
    }
    for (int i = 0; i < offsets.length; i++) {
      s.append(String.format(Locale.ROOT, "%s.%s=%.10g%n", SLOPE, Kind.values()[i].label(), slopes[i]));
      s.append(String.format(Locale.ROOT, "%s.%s=%.10g%n", OFFSET, Kind.values()[i].label(), offsets[i]));
    }
    return s.toString();
  }

  /**
   * The calibration recorded in {@code file} ({@code reading.properties}); {@link #NONE} when there is no such file
   * or it records none (an older file's {@code confidence_exponent} keys are no longer read: run {@code bench read}
   * again).
   *
   * @throws IOException naming the file and the key when one is missing or not a number
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
    if (p.stringPropertyNames().stream().noneMatch(k -> k.startsWith(WEIGHT + ".") || k.startsWith(SLOPE + ".")
        || k.startsWith(OFFSET + "."))) {
      return NONE;
    }
    double[] w = new double[Evidence.NAMES.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = number(file, p, WEIGHT + "." + Evidence.NAMES.get(i));
    }
    double[] a = new double[Kind.values().length];
    double[] o = new double[Kind.values().length];
    for (Kind k : Kind.values()) {
      a[k.ordinal()] = number(file, p, SLOPE + "." + k.label());
      o[k.ordinal()] = number(file, p, OFFSET + "." + k.label());
    }
    return new Calibration(w, a, o);
  }

  private static double number(Path file, Properties p, String key) throws IOException {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IOException(file + ": " + key + " is missing (the calibration names some of its values only)");
    }
    try {
      double d = Double.parseDouble(value.strip());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IOException(file + ": " + key + " is '" + value + "', expected a number");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && Arrays.equals(weights, c.weights) && Arrays.equals(slopes, c.slopes)
        && Arrays.equals(offsets, c.offsets);
  }

  @Override
  public int hashCode() {
    return (31 * Arrays.hashCode(weights) + Arrays.hashCode(slopes)) * 31 + Arrays.hashCode(offsets);
  }

  @Override
  public String toString() {
    if (!fitted()) {
      return "none (the raw product of the digits' confidences)";
    }
    StringBuilder s = new StringBuilder("logistic: ");
    for (int i = 0; i < weights.length; i++) {
      s.append(i == 0 ? (weights[i] < 0 ? "-" : "") : weights[i] < 0 ? " - " : " + ")
          .append(String.format(Locale.ROOT, "%.3g %s", Math.abs(weights[i]), Evidence.NAMES.get(i)));
    }
    s.append("; slope, offset by kind: ");
    for (Kind k : Kind.values()) {
      s.append(k == Kind.ONE_DIGIT ? "" : ", ").append(k.label())
          .append(String.format(Locale.ROOT, " %.3g, %.3g", slope(k), offset(k)));
    }
    return s.toString();
  }
}
