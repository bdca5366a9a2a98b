package digits.predict;

import digits.inference.InvalidModelException;
import digits.inference.Precision;
import digits.inference.SavedModelClassifier;
import digits.inference.SavedModelLineReader;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.ink.UnreadableImageException;
import digits.predict.search.ReadingPrior;
import digits.predict.segment.LineInput;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads digits in people's own images with an exported model. Loads the SavedModel once; safe to use from
 * several threads. Needs only the SavedModel ({@link SavedModelClassifier}), never training code; a line model
 * beside it ({@value ModelFolder#LINE_MODEL}), when the run has one, weighs in on every reading of a line
 * ({@link LineRescoring}).
 *
 * <pre>{@code
 * try (DigitRecognizer r = DigitRecognizer.load(Path.of("runs/default-.../saved_model"))) {
 *   Prediction p = r.read(ImageIO.read(new File("seven.png")), ReadRequest.ONE_DIGIT).digits().get(0);
 *   NumberReading zip = r.read(ImageIO.read(new File("envelope.jpg")), ReadRequest.lineOf(5));
 * }
 * }</pre>
 */
public final class DigitRecognizer implements AutoCloseable {
  private final SavedModelClassifier model;
  /** The line model, or null. */
  private final SavedModelLineReader lines;
  private final Calibration calibration;
  private final ReadingPrior prior;
  /** False for a {@link #withPrior} view, which closes nothing. */
  private final boolean owner;
  /** What the models have scored so far (shared with {@link #withPrior} views). */
  private final ModelWork.Counter counted;
  /** The model calls (shared with {@link #withPrior} views). */
  private final Scoring scoring;

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
    this.owner = true;
    this.counted = new ModelWork.Counter(model.flopsPerInput(), lines == null ? 0 : lines.flopsPerInput());
    this.scoring = new Scoring(model, lines, counted);
  }

  private DigitRecognizer(DigitRecognizer base, ReadingPrior prior) {
    this.model = base.model;
    this.lines = base.lines;
    this.calibration = base.calibration;
    this.prior = java.util.Objects.requireNonNull(prior, "prior");
    this.owner = false;
    this.counted = base.counted;
    this.scoring = base.scoring;
  }

  /** The floating-point operations of one input of each model. */
  public ModelWork.Cost cost() {
    return counted.cost();
  }

  /** The work the models have done since this reader was loaded. */
  public ModelWork work() {
    return counted.total();
  }

  /**
   * The model in {@code savedModel}, its confidences calibrated as its run's {@value ModelFolder#READING_FILE} says.
   *
   * @throws InvalidModelException naming the file when the model or its calibration cannot be read
   */
  public static DigitRecognizer load(Path savedModel) throws InvalidModelException {
    return load(savedModel, Precision.FLOAT32);
  }

  /** As {@link #load(Path)}, both models computing in {@code precision}. */
  public static DigitRecognizer load(Path savedModel, Precision precision) throws InvalidModelException {
    return load(savedModel, ModelFolder.of(savedModel).calibration(), precision);
  }

  /**
   * The model in {@code savedModel}, its confidences calibrated by {@code calibration}, with the line model
   * beside it ({@value ModelFolder#LINE_MODEL}) when there is one, both computing in {@code precision}
   * ({@link Precision}: the graphs stay float32).
   */
  public static DigitRecognizer load(Path savedModel, Calibration calibration, Precision precision)
      throws InvalidModelException {
    SavedModelClassifier m = SavedModelClassifier.load(savedModel, precision);
    SavedModelLineReader lines = null;
    try {
      Path lineModel = savedModel.toAbsolutePath().normalize().resolveSibling(ModelFolder.LINE_MODEL);
      lines = java.nio.file.Files.isDirectory(lineModel) ? SavedModelLineReader.load(lineModel, precision) : null;
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
   * @throws UnreadableImageException "no digit found" when the image holds no ink larger than a speck
   */
  public static float[] input(BufferedImage image) {
    return PreparedImage.oneDigit(image);
  }

  /**
   * Reads {@code image} as {@code request} asks: one digit, or a line of digits whose grouping the model chooses
   * ({@link ReadingSearch}), with exactly {@link ReadRequest#expectedLength} digits when that is above 0.
   *
   * @throws UnreadableImageException "no digit found", "too many pieces of ink", or too few pieces for the length
   */
  public NumberReading read(BufferedImage image, ReadRequest request) {
    PreparedImage p = PreparedImage.of(image, request, prior, lines != null);
    Scored scored = score(List.of(new Prepared(p, null))).get(0);
    if (scored.prepared().ready() == null) { // its other candidates spent the budget
      throw new UnreadableImageException(scored.prepared().failed().error());
    }
    return ReadingChoice.of(scored.prepared().ready(), scored.predictions(), scored.frames(), prior, calibration);
  }

  /**
   * Reads several images, each as its request asks, as {@link #read} does: decoded and prepared on all cores,
   * every candidate of every image scored in shared model calls, much faster than one image at a time. Results are
   * in the images' order; an image that cannot be read (or decoded) gets its error, and the rest are read.
   */
  public List<ReadResult> readAll(List<ImageToRead> images) {
    return score(images.parallelStream().map(this::prepare).toList()).parallelStream().map(this::decide).toList();
  }

  /**
   * Reads as this recognizer does, with another prior (to tune it on a development set); shares the models, so
   * closing it closes nothing.
   */
  public DigitRecognizer withPrior(ReadingPrior other) {
    return new DigitRecognizer(this, other);
  }

  /**
   * Gathers the images of concurrent callers into shared model calls ({@link Gathering}): each image is prepared
   * on its caller's thread, then waits up to {@code window} for others (at most {@code max} in all).
   *
   * @param modelCalls told the number of images of each shared model call (metrics)
   */
  public Gathering gathering(java.time.Duration window, int max, java.util.function.IntConsumer modelCalls) {
    return new Gathering(new Gathering.Steps() {
      @Override
      public Prepared prepare(ImageToRead image) {
        // every candidate now, on the caller's thread: an image that costs much work costs its caller alone
        Prepared p = DigitRecognizer.this.prepare(image);
        return p.ready() == null ? p : Scoring.complete(p.ready());
      }

      @Override
      public List<Scored> score(List<Prepared> prepared) {
        return DigitRecognizer.this.score(prepared);
      }

      @Override
      public ReadResult decide(Scored scored) {
        return DigitRecognizer.this.decide(scored);
      }
    }, window, max, modelCalls);
  }

  /** An image prepared for the models, or why it cannot be read. */
  record Prepared(PreparedImage ready, ReadResult failed) {}

  /** A prepared image with the models' scores for it (none when it failed). */
  record Scored(Prepared prepared, List<Prediction> predictions, ReadingChoice.Frames frames) {}

  /** Decodes and prepares {@code image} on the calling thread; never throws for the image's sake. */
  Prepared prepare(ImageToRead image) {
    try {
      return new Prepared(PreparedImage.of(image.image(), image.request(), prior, lines != null), null);
    } catch (java.io.IOException | UnreadableImageException e) {
      return new Prepared(null, ReadResult.unreadable(e.getMessage() == null ? e.toString() : e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return new Prepared(null, ReadResult.failed(e)); // a bug: this image's alone, not its batch's
    }
  }

  /** Scores the inputs of every prepared image in shared model calls ({@link Scoring#score}). */
  List<Scored> score(List<Prepared> prepared) {
    return scoring.score(prepared, prior);
  }

  /** The reading of a scored image, or why there is none; never throws for the image's sake. */
  ReadResult decide(Scored s) {
    if (s.prepared().ready() == null) {
      return s.prepared().failed();
    }
    try {
      return ReadResult.read(ReadingChoice.of(s.prepared().ready(), s.predictions(), s.frames(), prior, calibration));
    } catch (UnreadableImageException e) {
      return ReadResult.unreadable(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return ReadResult.failed(e);
    }
  }

  /** Predictions for prepared 28x28 inputs (see {@link MnistPreprocessor}). */
  public List<Prediction> classify(List<float[]> inputs) {
    return scoring.classify(inputs);
  }

  public Path modelDir() {
    return model.dir();
  }

  @Override
  public void close() {
    if (!owner) {
      return;
    }
    try {
      model.close();
    } finally {
      if (lines != null) {
        lines.close();
      }
    }
  }
}
