package digits.devset;

import digits.predict.Calibration;
import digits.predict.DigitRecognizer;
import digits.predict.Evidence;
import digits.predict.ImageToRead;
import digits.predict.ReadRequest;
import digits.predict.ReadResult;
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
  /** Answers at or above this confidence are the ones a user may act on (not marked uncertain). */
  public static final double CONFIDENT = Calibration.CERTAIN;
  /** The error rates at which {@link Row#readRates()} gives the share of answers read. */
  public static final double[] ERROR_RATES = {0.001, 0.005, 0.01};

  private ReadBenchmark() {}

  /** One labelled image file. */
  public record Labelled(Path file, String text, String category, String part) {}

  /** One answer: what was read (empty when nothing was), its confidence and evidence, and whether it matched. */
  public record Answer(Labelled item, String read, double confidence, Evidence evidence) {
    public boolean exact() {
      return read.equals(item.text());
    }

    /** The kind of reading, by the length of what was read: calibration fits each kind apart. */
    public Calibration.Kind kind() {
      return Calibration.Kind.of(read.length());
    }
  }

  /**
   * Scores of one category.
   *
   * @param digits the share of digits right inside strings (1 - edit distance / length); NaN for single digits
   * @param confidentShare the share of answers at {@link #CONFIDENT} or more (not marked uncertain)
   * @param confidentError the share of those that are wrong (NaN when there are none)
   * @param readRates for each of {@link #ERROR_RATES}, the largest share of answers, taken from the most
   *     confident down, whose error rate stays within it
   */
  public record Row(String category, String part, int images, double exact, double digits, double confidentShare,
      double confidentError, double[] readRates, double filesPerSecond) {
    /** Whether the category holds strings (some text longer than one digit). */
    public boolean strings() {
      return !Double.isNaN(digits);
    }
  }

  /** The items of a set written by {@link DevSet}, in its folder {@code dir}. */
  public static List<Labelled> items(Path dir) throws IOException {
    Path labels = dir.resolve(DevSet.LABELS);
    if (!Files.isRegularFile(labels)) {
      throw new IOException(labels + ": does not exist: make the development set first (digits devset)");
    }
    List<Labelled> out = new ArrayList<>();
    var format = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (var csv = format.parse(Files.newBufferedReader(labels))) {
      if (!csv.getHeaderNames().equals(List.of("path", "text", "category", "part"))) {
        throw new IOException(labels + ": expected the columns path,text,category,part, found "
            + String.join(",", csv.getHeaderNames()));
      }
      for (var row : csv) {
        if (row.size() != 4) {
          throw new IOException(labels + ": record " + (row.getRecordNumber() + 1)
              + ": expected path,text,category,part");
        }
        out.add(new Labelled(dir.resolve(row.get(0)), row.get(1), row.get(2), row.get(3)));
      }
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      throw new IOException(labels + ": not a CSV file (" + e.getMessage() + ")", e);
    }
    return out;
  }

  /** Images per batch: read as {@code predict} reads a folder (prepared on all cores, shared model calls). */
  static final int BATCH = 64;
  /**
   * Images of each category read once, untimed, before any is timed: the reading code compiled and the models'
   * first calls made, so that files/s is the pace a long run keeps, whichever category comes first.
   */
  public static final int WARM_UP = 16;

  /**
   * Reads every item, in batches as {@code predict} reads a folder; an image with no digit found (or too many
   * pieces of ink) counts as a wrong, zero-confidence answer.
   *
   * @throws IOException when an image of the development set cannot be decoded (the set is damaged)
   */
  public static List<Answer> read(DigitRecognizer recognizer, List<Labelled> items) throws IOException {
    return readInTurn(List.of(recognizer), items).answers().get(0);
  }

  /** What each of several readers answered ({@link #readInTurn}), and the seconds each took to read. */
  public record InTurn(List<List<Answer>> answers, double[] seconds) {}

  /**
   * Reads every item with each of {@code readers}, as {@link #read} does, batch by batch in turn: each batch is read
   * by all of them before the next, the first to read it changing from batch to batch, and each reader's time is
   * kept apart. A machine whose pace drifts during the run (another guest's load on a shared host) then slows every
   * reader alike, and their paces can be compared.
   */
  public static InTurn readInTurn(List<DigitRecognizer> readers, List<Labelled> items) throws IOException {
    List<List<Answer>> answers = new ArrayList<>();
    for (int k = 0; k < readers.size(); k++) {
      answers.add(new ArrayList<>());
    }
    long[] nanos = new long[readers.size()];
    for (int from = 0, turn = 0; from < items.size(); from += BATCH, turn++) {
      List<Labelled> batch = items.subList(from, Math.min(items.size(), from + BATCH));
      for (int j = 0; j < readers.size(); j++) {
        int k = (turn + j) % readers.size();
        long start = System.nanoTime();
        List<ReadResult> results = readers.get(k).readAll(batch.stream()
            .map(item -> ImageToRead.of(item.file(), ReadRequest.LINE)).toList());
        nanos[k] += System.nanoTime() - start;
        answers.get(k).addAll(answers(batch, results));
      }
    }
    double[] seconds = new double[nanos.length];
    for (int k = 0; k < nanos.length; k++) {
      seconds[k] = nanos[k] / 1e9;
    }
    return new InTurn(answers, seconds);
  }

  private static List<Answer> answers(List<Labelled> batch, List<ReadResult> results) throws IOException {
    List<Answer> answers = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      ReadResult r = results.get(i);
      if (r.failure() != null) {
        throw new IllegalStateException(batch.get(i).file() + ": " + r.error(), r.failure());
      }
      if (!r.ok() && r.error().startsWith(batch.get(i).file().toString())) {
        throw new IOException(r.error());
      }
      answers.add(new Answer(batch.get(i), r.ok() ? r.reading().text() : "",
          r.ok() ? r.reading().confidence() : 0, r.ok() ? r.reading().evidence() : Evidence.NONE));
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
    int confidentWrong = 0;
    boolean strings = false;
    for (Answer a : answers) {
      exact += a.exact() ? 1 : 0;
      strings |= a.item().text().length() > 1;
      digits += a.item().text().length();
      digitErrors += Math.min(a.item().text().length(), editDistance(a.read(), a.item().text()));
      if (a.confidence() >= CONFIDENT) {
        confident++;
        confidentWrong += a.exact() ? 0 : 1;
      }
    }
    int n = answers.size();
    List<double[]> curve = coverage(answers);
    double[] rates = new double[ERROR_RATES.length];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = rateOn(curve, ERROR_RATES[i]);
    }
    return new Row(first.category(), first.part(), n, (double) exact / n,
        strings ? 1 - (double) digitErrors / digits : Double.NaN, (double) confident / n,
        confident == 0 ? Double.NaN : (double) confidentWrong / confident, rates, n / seconds);
  }

  /**
   * The largest share of {@code answers} that can be read, most confident first (answers of equal confidence
   * together), with at most {@code errorRate} of them wrong: the read rate at that error, as cheque and mail
   * readers are judged.
   */
  public static double readRate(List<Answer> answers, double errorRate) {
    return rateOn(coverage(answers), errorRate);
  }

  /** The read rate at {@code errorRate} on an accuracy-coverage curve ({@link #coverage}). */
  private static double rateOn(List<double[]> curve, double errorRate) {
    double best = 0;
    for (double[] point : curve) {
      if (point[1] <= errorRate + 1e-12) {
        best = Math.max(best, point[0]);
      }
    }
    return best;
  }

  /**
   * The accuracy-coverage curve of {@code answers}: points {@code {share read, error rate among those read}} as the
   * confidence needed to answer goes down (answers of equal confidence together).
   */
  public static List<double[]> coverage(List<Answer> answers) {
    List<Answer> sorted = new ArrayList<>(answers);
    sorted.sort(java.util.Comparator.comparingDouble(Answer::confidence).reversed());
    List<double[]> points = new ArrayList<>();
    int wrong = 0;
    for (int i = 0; i < sorted.size(); i++) {
      wrong += sorted.get(i).exact() ? 0 : 1;
      if (i + 1 == sorted.size() || sorted.get(i + 1).confidence() != sorted.get(i).confidence()) {
        points.add(new double[] {(double) (i + 1) / sorted.size(), (double) wrong / (i + 1)});
      }
    }
    return points;
  }

  /** {@code answers} with every confidence calibrated by {@code calibration}, by the length of what was read. */
  public static List<Answer> calibrated(List<Answer> answers, Calibration calibration) {
    return answers.stream().map(a -> new Answer(a.item(), a.read(),
        a.read().isEmpty() ? 0 : calibration.apply(a.evidence(), a.read().length()), a.evidence())).toList();
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
