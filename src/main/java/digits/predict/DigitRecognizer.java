package digits.predict;

import digits.inference.InvalidModelException;
import digits.inference.SavedModelClassifier;
import digits.inference.SavedModelLineReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads digits in people's own images with an exported model. Loads the SavedModel once; safe to use from
 * several threads. Needs only the SavedModel ({@link SavedModelClassifier}), never training code; a line model
 * beside it ({@value #LINE_MODEL}), when the run has one, weighs in on every reading of a line
 * ({@link LineRescoring}).
 *
 * <pre>{@code
 * try (DigitRecognizer r = DigitRecognizer.load(Path.of("runs/default-.../saved_model"))) {
 *   Prediction p = r.recognize(ImageIO.read(new File("seven.png")));
 *   NumberReading zip = r.readNumber(ImageIO.read(new File("envelope.jpg")), 5);
 * }
 * }</pre>
 */
public final class DigitRecognizer implements AutoCloseable {
  /**
   * The file beside a run's {@code saved_model/} where {@code digits bench read} records how the model reads the
   * development set: its tuning score and its {@link Calibration}.
   */
  public static final String READING_FILE = "reading.properties";
  /**
   * The folder beside a run's {@code saved_model/} that holds its line model, if it has one: a model that reads a
   * whole line ({@link LineInput}), which then weighs in on every reading of a line ({@link LineRescoring}).
   */
  public static final String LINE_MODEL = "line_model";

  /** Inputs per model call at most: bounds the memory a large batch of images takes. */
  private static final int MAX_BATCH = 1024;

  private final SavedModelClassifier model;
  /** The line model, or null. */
  private final SavedModelLineReader lines;
  private final Calibration calibration;
  private final ReadingPrior prior;

  public DigitRecognizer(SavedModelClassifier model) {
    this(model, Calibration.NONE);
  }

  /**
   * @param calibration turns each reading's raw score into its confidence, per kind of reading: fitted on the
   *     development set's tuning part so that {@link Calibration#CERTAIN} means right at least that often
   */
  public DigitRecognizer(SavedModelClassifier model, Calibration calibration) {
    this(model, null, calibration);
  }

  /**
   * @param lines a line model whose frames weigh in on every reading of a line ({@link LineRescoring}), or null
   * @param calibration as above
   */
  public DigitRecognizer(SavedModelClassifier model, SavedModelLineReader lines, Calibration calibration) {
    if (lines != null && (lines.height() != LineInput.HEIGHT || lines.width() != LineInput.WIDTH
        || lines.classes() != 11)) {
      throw new IllegalArgumentException("Expected a line model for " + LineInput.HEIGHT + "x" + LineInput.WIDTH
          + " lines with 11 classes, received " + lines.height() + "x" + lines.width() + " with "
          + lines.classes() + " (" + lines.dir() + ")");
    }
    this.lines = lines;
    this.calibration = java.util.Objects.requireNonNull(calibration, "calibration");
    if (model.height() != MnistPreprocessor.SIZE || model.width() != MnistPreprocessor.SIZE) {
      throw new IllegalArgumentException("Expected a model for 28x28 images, received " + model.height() + "x"
          + model.width() + " (" + model.dir() + ")");
    }
    this.model = model;
    this.prior = ReadingPrior.forModel(model.hasNonDigitClass());
  }

  /**
   * The model in {@code savedModel}, its confidences calibrated as its run's {@value #READING_FILE} says.
   *
   * @throws InvalidModelException naming the file when the model or its calibration cannot be read
   */
  public static DigitRecognizer load(Path savedModel) throws InvalidModelException {
    return load(savedModel, calibration(savedModel));
  }

  /**
   * The model in {@code savedModel}, its confidences calibrated by {@code calibration}, with the line model
   * beside it ({@value #LINE_MODEL}) when there is one.
   */
  public static DigitRecognizer load(Path savedModel, Calibration calibration) throws InvalidModelException {
    SavedModelClassifier m = SavedModelClassifier.load(savedModel);
    SavedModelLineReader lines = null;
    try {
      Path lineModel = savedModel.toAbsolutePath().normalize().resolveSibling(LINE_MODEL);
      lines = java.nio.file.Files.isDirectory(lineModel) ? SavedModelLineReader.load(lineModel) : null;
      return new DigitRecognizer(m, lines, calibration);
    } catch (IllegalArgumentException | InvalidModelException e) {
      m.close();
      if (lines != null) {
        lines.close();
      }
      throw e instanceof InvalidModelException invalid ? invalid : new InvalidModelException(savedModel,
          e.getMessage());
    }
  }

  /** Whether a line model weighs in on readings of a line. */
  public boolean hasLineModel() {
    return lines != null;
  }

  /**
   * The calibration recorded for the model in {@code savedModel} ({@value #READING_FILE} in its folder), or
   * {@link Calibration#NONE} (confidences as the model gives them) when there is none.
   *
   * @throws InvalidModelException naming the file when it is there but damaged
   */
  public static Calibration calibration(Path savedModel) throws InvalidModelException {
    return ModelFolder.of(savedModel).calibration();
  }

  /** Whether the model also says when a piece of ink is not one digit ({@code not_a_digit}). */
  public boolean hasNonDigitClass() {
    return model.hasNonDigitClass();
  }

  /** How the reading search weighs cuts, joins and shapes for this model ({@link ReadingPrior#forModel}). */
  public ReadingPrior prior() {
    return prior;
  }

  /** What turns each reading's raw score into its confidence. */
  public Calibration calibration() {
    return calibration;
  }

  /**
   * The 28x28 input the model sees for an image of one digit ({@code predict --single}): the ink against its
   * paper ({@link InkImage#of}), its pieces without ruled lines, noise and specks ({@link Segmenter#atoms}), all of
   * them together with their soft rim ({@link Segmenter#render}), prepared as MNIST's digits were
   * ({@link MnistPreprocessor#prepare(InkImage)}). {@code notebooks/mnist_preprocess.py} does the same in Python.
   *
   * @throws IllegalArgumentException "no digit found" when the image holds no ink larger than a speck
   */
  public static float[] input(BufferedImage image) {
    Segmenter.Line line = Segmenter.atoms(InkImage.of(image), 0);
    return MnistPreprocessor.prepare(Segmenter.render(line, 0, line.atoms().size()));
  }

  /** The single digit in {@code image}; throws {@link IllegalArgumentException} when there is none. */
  public Prediction recognize(BufferedImage image) {
    return read(image, true, 0).digits().get(0);
  }

  /** Reads a line of digits; see {@link Segmenter} and {@link ReadingSearch}. */
  public NumberReading readNumber(BufferedImage image) {
    return read(image, false, 0);
  }

  /** Reads a line of digits, using the expected count (a zip code's 5, say) when it is above 0. */
  public NumberReading readNumber(BufferedImage image, int expectedLength) {
    return read(image, false, expectedLength);
  }

  /**
   * Reads {@code image}: as one digit when {@code single}, else as a line of digits whose grouping the model
   * chooses ({@link ReadingSearch}), with exactly {@code expectedLength} digits when that is above 0.
   *
   * @throws IllegalArgumentException "no digit found" when the image holds no ink larger than a speck
   */
  public NumberReading read(BufferedImage image, boolean single, int expectedLength) {
    return read(image, single, expectedLength, prior);
  }

  /** {@link #read(BufferedImage, boolean, int)} with another prior (for tuning it on a development set). */
  public NumberReading read(BufferedImage image, boolean single, int expectedLength, ReadingPrior prior) {
    PreparedImage p = PreparedImage.of(image, single, expectedLength, prior, lines != null);
    return decide(p, classify(p.inputs()), lineFrames(p.line() == null ? List.of() : List.of(p)), 0, prior);
  }

  /**
   * A reading; or why the image could not be read ({@code error}: "no digit found", a corrupt file); or, with
   * {@code failure}, a bug met while reading it (its {@code error} says "internal error"), kept to this image alone.
   */
  public record Result(NumberReading reading, String error, Throwable failure) {
    static Result read(NumberReading reading) {
      return new Result(reading, null, null);
    }

    static Result unreadable(String error) {
      return new Result(null, error, null);
    }

    static Result failed(Throwable failure) {
      return new Result(null, "internal error: " + failure, failure);
    }

    public boolean ok() {
      return reading != null;
    }
  }

  /** One image to read, and how: as one digit, or as a line of digits ({@code expectedLength} 0 when unknown). */
  public record Request(BufferedImage image, boolean single, int expectedLength) {}

  /**
   * Reads several images, each its own way, as {@link #read(BufferedImage, boolean, int)} does: prepared on all
   * cores, every candidate of every image scored in shared model calls, much faster than one image at a time.
   * Results are in the requests' order; an image that cannot be read gets its error, and the rest are read.
   */
  public List<Result> readEach(List<Request> requests) {
    return decideAll(requests.parallelStream().map(r -> prepared(r::image, r.single(), r.expectedLength(), prior,
        lines != null)).toList(), prior);
  }

  /**
   * Reads image files as {@link #readEach} reads images, decoding them on all cores too ({@link ImageFiles#read});
   * a file that cannot be decoded gets its error.
   */
  public List<Result> readFiles(List<Path> files, boolean single, int expectedLength) {
    return decideAll(files.parallelStream().map(file -> prepared(() -> ImageFiles.read(file), single,
        expectedLength, prior, lines != null)).toList(), prior);
  }

  private interface ImageSource {
    BufferedImage get() throws java.io.IOException;
  }

  /** An image prepared, or why it cannot be read. */
  private record Attempt(PreparedImage ready, Result failed) {}

  private static Attempt prepared(ImageSource image, boolean single, int expectedLength, ReadingPrior prior,
      boolean whole) {
    try {
      return new Attempt(PreparedImage.of(image.get(), single, expectedLength, prior, whole), null);
    } catch (java.io.IOException | UnreadableImageException e) {
      return new Attempt(null, Result.unreadable(e.getMessage() == null ? e.toString() : e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return new Attempt(null, Result.failed(e)); // a bug: this image's alone, not its batch's
    }
  }

  /** Scores the inputs of every prepared image in shared model calls, then reads each. */
  private List<Result> decideAll(List<Attempt> attempts, ReadingPrior prior) {
    List<float[]> inputs = new ArrayList<>();
    List<PreparedImage> wholeLines = new ArrayList<>();
    for (Attempt a : attempts) {
      if (a.ready() != null) {
        inputs.addAll(a.ready().inputs());
        if (a.ready().line() != null) {
          wholeLines.add(a.ready());
        }
      }
    }
    List<Prediction> predictions = classify(inputs);
    float[] frames = lineFrames(wholeLines);
    int line = 0;
    List<Result> out = new ArrayList<>(attempts.size());
    int at = 0;
    for (Attempt a : attempts) {
      if (a.ready() == null) {
        out.add(a.failed());
        continue;
      }
      int n = a.ready().inputs().size();
      try {
        out.add(Result.read(decide(a.ready(), predictions.subList(at, at + n), frames, line, prior)));
      } catch (UnreadableImageException e) {
        out.add(Result.unreadable(e.getMessage()));
      } catch (RuntimeException | StackOverflowError e) {
        out.add(Result.failed(e));
      }
      at += n;
      line += a.ready().line() != null ? 1 : 0;
    }
    return out;
  }

  /** The line model's frames for the whole lines of {@code prepared}, one after the other (none without it). */
  private float[] lineFrames(List<PreparedImage> prepared) {
    if (lines == null || prepared.isEmpty()) {
      return null;
    }
    int pixels = LineInput.HEIGHT * LineInput.WIDTH;
    float[] batch = new float[prepared.size() * pixels];
    for (int i = 0; i < prepared.size(); i++) {
      System.arraycopy(prepared.get(i).wholeLine(), 0, batch, i * pixels, pixels);
    }
    return lines.logProbabilities(batch, prepared.size());
  }

  /**
   * The reading of a prepared image, given the model's predictions for its inputs (in order) and, with a line
   * model, its frames for the image's line ({@code frames} from line {@code lineIndex}).
   */
  private NumberReading decide(PreparedImage p, List<Prediction> predictions, float[] frames, int lineIndex,
      ReadingPrior prior) {
    if (p.line() == null) {
      Prediction only = predictions.get(0);
      return new NumberReading(String.valueOf(only.digit()), List.of(only), calibration.apply(only.confidence(), 1),
          p.inputs());
    }
    double[] logScore = new double[predictions.size()];
    for (int i = 0; i < logScore.length; i++) {
      logScore[i] = Math.log(Math.max(1e-12, predictions.get(i).confidence()));
    }
    if (p.wholeLine() != null) {
      int per = lines.frames() * lines.classes();
      LineRescoring.Reading r = LineRescoring.choose(p.line(), p.candidates(), predictions, logScore,
          p.expectedLength(), prior, frames, lineIndex * per, lines.frames(), lines.classes());
      List<float[]> seen = new ArrayList<>();
      r.segments().forEach(s -> seen.add(p.inputs().get(p.candidates().indexOf(s))));
      return new NumberReading(r.text(), r.digits(), calibration.apply(r.confidence(), r.text().length()), seen);
    }
    ReadingSearch.Choice choice = ReadingSearch.best(p.line(), p.candidates(), logScore, p.expectedLength(), prior);
    StringBuilder text = new StringBuilder();
    List<Prediction> digits = new ArrayList<>();
    List<float[]> seen = new ArrayList<>();
    double confidence = choice.share();
    for (ReadingSearch.Segment s : choice.segments()) {
      int i = p.candidates().indexOf(s);
      digits.add(predictions.get(i));
      seen.add(p.inputs().get(i));
      text.append(predictions.get(i).digit());
      confidence *= predictions.get(i).confidence();
    }
    return new NumberReading(text.toString(), digits, calibration.apply(confidence, text.length()), seen);
  }

  /** Predictions for prepared 28x28 inputs (see {@link MnistPreprocessor}). */
  public List<Prediction> classify(List<float[]> inputs) {
    if (inputs.size() > MAX_BATCH) {
      List<Prediction> out = new ArrayList<>(inputs.size());
      for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
        out.addAll(classify(inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH))));
      }
      return out;
    }
    if (inputs.isEmpty()) {
      return List.of();
    }
    int size = MnistPreprocessor.SIZE * MnistPreprocessor.SIZE;
    float[] batch = new float[inputs.size() * size];
    for (int i = 0; i < inputs.size(); i++) {
      System.arraycopy(inputs.get(i), 0, batch, i * size, size);
    }
    SavedModelClassifier.Scores scores = model.scores(batch, inputs.size());
    float[] p = scores.probabilities();
    int k = model.classes();
    List<Prediction> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      float[] row = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
      int best = digits.inference.Predictions.argMax(row, 0, k);
      // a model that can say "not one digit" lowers its confidence in the digit by that much
      out.add(new Prediction(best, row[best] * (1 - scores.notADigit()[i]), row));
    }
    return out;
  }

  public Path modelDir() {
    return model.dir();
  }

  @Override
  public void close() {
    try {
      model.close();
    } finally {
      if (lines != null) {
        lines.close();
      }
    }
  }
}
