package digits.predict;

import digits.inference.InvalidModelException;
import digits.inference.SavedModelClassifier;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads digits in people's own images with an exported model. Loads the SavedModel once; safe to use from
 * several threads. Needs only the SavedModel ({@link SavedModelClassifier}), never training code.
 *
 * <pre>{@code
 * try (DigitRecognizer r = DigitRecognizer.load(Path.of("runs/default-.../saved_model"))) {
 *   Prediction p = r.recognize(ImageIO.read(new File("seven.png")));
 *   NumberReading zip = r.readNumber(ImageIO.read(new File("envelope.jpg")), 5);
 * }
 * }</pre>
 */
public final class DigitRecognizer implements AutoCloseable {
  private final SavedModelClassifier model;

  public DigitRecognizer(SavedModelClassifier model) {
    if (model.height() != MnistPreprocessor.SIZE || model.width() != MnistPreprocessor.SIZE) {
      throw new IllegalArgumentException("Expected a model for 28x28 images, received " + model.height() + "x"
          + model.width() + " (" + model.dir() + ")");
    }
    this.model = model;
  }

  public static DigitRecognizer load(Path savedModel) throws InvalidModelException {
    SavedModelClassifier m = SavedModelClassifier.load(savedModel);
    try {
      return new DigitRecognizer(m);
    } catch (IllegalArgumentException e) {
      m.close();
      throw new InvalidModelException(savedModel, e.getMessage());
    }
  }

  /** The single digit in {@code image}. */
  public Prediction recognize(BufferedImage image) {
    return classify(List.of(MnistPreprocessor.prepare(image))).get(0);
  }

  /** Reads a line of digits; see {@link Segmenter}. */
  public NumberReading readNumber(BufferedImage image) {
    return readNumber(image, 0);
  }

  /** Reads a line of digits, using the expected count (a zip code's 5, say) when it is above 0. */
  public NumberReading readNumber(BufferedImage image, int expectedLength) {
    List<Prediction> digits = classify(inputs(image, false, expectedLength));
    StringBuilder text = new StringBuilder();
    digits.forEach(p -> text.append(p.digit()));
    return new NumberReading(text.toString(), digits);
  }

  /**
   * The 28x28 model inputs for {@code image}: one when {@code single}, else one per digit found by the
   * {@link Segmenter} (which uses {@code expectedLength} when above 0).
   */
  public static List<float[]> inputs(BufferedImage image, boolean single, int expectedLength) {
    InkImage ink = InkImage.of(image);
    if (single) {
      return List.of(MnistPreprocessor.prepare(ink));
    }
    List<float[]> inputs = new ArrayList<>();
    for (InkImage digit : Segmenter.segment(ink, expectedLength)) {
      inputs.add(MnistPreprocessor.prepare(digit));
    }
    return inputs;
  }

  /** Predictions for prepared 28x28 inputs (see {@link MnistPreprocessor}). */
  public List<Prediction> classify(List<float[]> inputs) {
    int size = MnistPreprocessor.SIZE * MnistPreprocessor.SIZE;
    float[] batch = new float[inputs.size() * size];
    for (int i = 0; i < inputs.size(); i++) {
      System.arraycopy(inputs.get(i), 0, batch, i * size, size);
    }
    float[] p = model.probabilities(batch, inputs.size());
    int k = model.classes();
    List<Prediction> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      float[] row = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      out.add(new Prediction(best, row[best], row));
    }
    return out;
  }

  public Path modelDir() {
    return model.dir();
  }

  @Override
  public void close() {
    model.close();
  }
}
