package digits.devset;

import digits.predict.DigitRecognizer;
import digits.predict.ImageFiles;
import digits.predict.NumberReading;
import digits.predict.ReadingPrior;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every image of a development set (and any other labelled image files) as a user's {@code predict} would
 * (default mode: no --single, no expected length) and scores the answers per category.
 */
public final class ReadBenchmark {
  /** Answers at or above this confidence are the ones a user may act on. */
  public static final double CONFIDENT = 0.9;

  private ReadBenchmark() {}

  /** One labelled image file. */
  public record Labelled(Path file, String text, String category, String part) {}

  /** One answer: what was read (empty when nothing was), its confidence, and whether it matched. */
  public record Answer(Labelled item, String read, double confidence) {
    public boolean exact() {
      return read.equals(item.text());
    }
  }

  /** Scores of one category. */
  public record Row(String category, String part, int images, double exact, double digits, double confidentShare,
      double confidentAccuracy, double filesPerSecond) {}

  /** The items of a set written by {@link DevSet}, in its folder {@code dir}. */
  public static List<Labelled> items(Path dir) throws IOException {
    Path labels = dir.resolve(DevSet.LABELS);
    if (!Files.isRegularFile(labels)) {
      throw new IOException(labels + ": does not exist: make the development set first (digits devset)");
    }
    List<Labelled> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(labels);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      if (f.length != 4) {
        throw new IOException(labels + ": line " + (i + 1) + ": expected path,text,category,part");
      }
      out.add(new Labelled(dir.resolve(f[0]), f[1], f[2], f[3]));
    }
    return out;
  }

  /** Reads every item; an unreadable image or one with no digit found counts as a wrong, zero-confidence answer. */
  public static List<Answer> read(DigitRecognizer recognizer, List<Labelled> items, ReadingPrior prior)
      throws IOException {
    List<Answer> answers = new ArrayList<>();
    for (Labelled item : items) {
      String text = "";
      double confidence = 0;
      try {
        BufferedImage image = ImageFiles.read(item.file());
        NumberReading r = recognizer.read(image, false, 0, prior);
        text = r.text();
        confidence = r.confidence();
      } catch (IllegalArgumentException e) {
        // no digit found: a wrong answer
      }
      answers.add(new Answer(item, text, confidence));
    }
    return answers;
  }

  /** The scores of {@code answers} (all of one category and part), read in {@code seconds}. */
  public static Row score(List<Answer> answers, double seconds) {
    Labelled first = answers.get(0).item();
    int exact = 0;
    long digitErrors = 0;
    long digits = 0;
    int confident = 0;
    int confidentRight = 0;
    for (Answer a : answers) {
      exact += a.exact() ? 1 : 0;
      digits += a.item().text().length();
      digitErrors += Math.min(a.item().text().length(), editDistance(a.read(), a.item().text()));
      if (a.confidence() >= CONFIDENT) {
        confident++;
        confidentRight += a.exact() ? 1 : 0;
      }
    }
    int n = answers.size();
    return new Row(first.category(), first.part(), n, (double) exact / n, 1 - (double) digitErrors / digits,
        (double) confident / n, confident == 0 ? Double.NaN : (double) confidentRight / confident, n / seconds);
  }

  /**
   * The share of confident answers ({@link #CONFIDENT} or more) that must be right in every category of the tuning
   * part: 99.8%, five times fewer mistakes than the 99% promised, since the held-out part (other fonts, other
   * writers) is harder than the part fitted on; not 100%, so that with a thousand answers a category one stray
   * confident mistake in several hundred does not decide alone.
   */
  public static final double TARGET_PRECISION = 0.998;

  /**
   * The exponent {@code a} for confidences {@code c^a} that lets the most answers reach {@link #CONFIDENT} while,
   * in every category of {@code answers}, at least {@link #TARGET_PRECISION} of those that do are right: what
   * makes "confidence >= 0.9" a promise a user can act on. A monotone change: the answers' order by confidence
   * stays; only how many clear 0.9 changes. Searched down from 1 (the model's own confidences) to 0.02 while the
   * promise holds; where the model's own confidences already break it (a confident mistake), up from 1 until it
   * holds, to at most {@link #MAX_EXPONENT}.
   */
  public static double calibration(List<Answer> answers) {
    java.util.Map<String, List<Answer>> byCategory = new java.util.TreeMap<>();
    answers.forEach(a -> byCategory.computeIfAbsent(a.item().category(), k -> new ArrayList<>()).add(a));
    java.util.Collection<List<Answer>> groups = byCategory.values();
    int hundredths = 100; // steps of 0.01
    if (keepsPromise(groups, 1)) {
      while (hundredths > 2 && keepsPromise(groups, (hundredths - 1) / 100.0)) {
        hundredths--;
      }
    } else {
      while (hundredths < 100 * MAX_EXPONENT && !keepsPromise(groups, hundredths / 100.0)) {
        hundredths++;
      }
    }
    return hundredths / 100.0;
  }

  /** The largest exponent {@link #calibration} tries: confidences far stricter than the model's own. */
  public static final double MAX_EXPONENT = 10;

  /** Whether, with confidences raised to {@code a}, every group's answers at 0.9 or more are right often enough. */
  private static boolean keepsPromise(java.util.Collection<List<Answer>> groups, double a) {
    for (List<Answer> group : groups) {
      int confident = 0;
      int right = 0;
      for (Answer x : group) {
        if (Math.pow(x.confidence(), a) >= CONFIDENT) {
          confident++;
          right += x.exact() ? 1 : 0;
        }
      }
      if (confident > 0 && right < TARGET_PRECISION * confident) {
        return false;
      }
    }
    return true;
  }

  /** {@code answers} with every confidence raised to {@code exponent}. */
  public static List<Answer> calibrated(List<Answer> answers, double exponent) {
    return answers.stream().map(a -> new Answer(a.item(), a.read(), Math.pow(a.confidence(), exponent))).toList();
  }

  /** Reliability curve points {@code {mean confidence, accuracy}} over ten equal-width confidence bins. */
  public static List<double[]> reliability(List<Answer> answers) {
    double[] conf = new double[10];
    int[] right = new int[10];
    int[] count = new int[10];
    for (Answer a : answers) {
      int bin = Math.min(9, (int) (a.confidence() * 10));
      conf[bin] += a.confidence();
      right[bin] += a.exact() ? 1 : 0;
      count[bin]++;
    }
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      if (count[b] > 0) {
        points.add(new double[] {conf[b] / count[b], (double) right[b] / count[b]});
      }
    }
    return points;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of digits. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
