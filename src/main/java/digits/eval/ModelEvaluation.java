package digits.eval;

import digits.data.LabeledImages;
import digits.inference.SavedModelClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A model (or an ensemble: the mean of several models' probabilities) scored on a labelled set: accuracy,
 * cross-entropy, the confusion matrix, and every prediction with its confidence.
 *
 * @param probabilities {@code [n, classes]} row-major
 */
public record ModelEvaluation(String name, LabeledImages data, float[] probabilities, int[] predicted,
    double accuracy, double loss, ConfusionMatrix confusion) {

  /** Scores {@code models} (one or more) on {@code data}; all must fit the data's image size and classes. */
  public static ModelEvaluation of(String name, List<SavedModelClassifier> models, LabeledImages data) {
    return of(name, models, data, false);
  }

  /** The image shifts test-time augmentation averages over: as is, and one pixel left, right, up, down. */
  static final int[][] TTA_SHIFTS = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}};

  /**
   * Like {@link #of(String, List, LabeledImages)}; with {@code tta}, each model's probabilities are averaged
   * over the image and its 1-pixel shifts.
   */
  public static ModelEvaluation of(String name, List<SavedModelClassifier> models, LabeledImages data,
      boolean tta) {
    List<float[]> views = new java.util.ArrayList<>();
    for (int[] shift : tta ? TTA_SHIFTS : new int[][] {{0, 0}}) {
      views.add(shift[0] == 0 && shift[1] == 0 ? toUnit(data) : shifted(data, shift[0], shift[1]));
    }
    float[] mean = null;
    for (SavedModelClassifier model : models) {
      if (model.height() != data.height() || model.width() != data.width() || model.classes() != data.classes()) {
        throw new IllegalArgumentException("Model " + model.dir() + " takes " + model.height() + "x" + model.width()
            + " images and " + model.classes() + " classes; the data has " + data.height() + "x" + data.width()
            + " images and " + data.classes() + " classes");
      }
      for (float[] images : views) {
        float[] p = model.probabilities(images, data.size());
        if (mean == null) {
          mean = p;
        } else {
          for (int i = 0; i < p.length; i++) {
            mean[i] += p[i];
          }
        }
      }
    }
    int n = models.size() * views.size();
    if (n > 1) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] /= n;
      }
    }
    return of(name, data, mean);
  }

  /** Scores given probabilities {@code [n, classes]} against the labels of {@code data}. */
  public static ModelEvaluation of(String name, LabeledImages data, float[] probabilities) {
    int k = data.classes();
    int[] predicted = new int[data.size()];
    ConfusionMatrix confusion = new ConfusionMatrix(k);
    double loss = 0;
    for (int i = 0; i < data.size(); i++) {
      int best = digits.inference.Predictions.argMax(probabilities, i, k);
      predicted[i] = best;
      confusion.add(data.label(i), best);
      loss -= Math.log(Math.max(probabilities[i * k + data.label(i)], 1e-7));
    }
    return new ModelEvaluation(name, data, probabilities, predicted,
        (double) confusion.correct() / data.size(), loss / data.size(), confusion);
  }

  /** The images moved by (dx, dy) pixels, zero where nothing moves in, as floats in [0, 1]. */
  static float[] shifted(LabeledImages data, int dx, int dy) {
    int h = data.height();
    int w = data.width();
    float[] x = new float[data.pixels().length];
    for (int i = 0; i < data.size(); i++) {
      for (int y = 0; y < h; y++) {
        int sy = y - dy;
        if (sy < 0 || sy >= h) {
          continue;
        }
        for (int c = 0; c < w; c++) {
          int sx = c - dx;
          if (sx >= 0 && sx < w) {
            x[i * h * w + y * w + c] = digits.data.Pixels.unit(data.pixels()[i * h * w + sy * w + sx]);
          }
        }
      }
    }
    return x;
  }

  /** Pixels as the models take them: float32 in [0, 1]. */
  public static float[] toUnit(LabeledImages data) {
    byte[] p = data.pixels();
    float[] x = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      x[i] = digits.data.Pixels.unit(p[i]);
    }
    return x;
  }

  public ClassificationReport report() {
    return ClassificationReport.of(confusion);
  }

  public float confidence(int i) {
    return probabilities[i * data.classes() + predicted[i]];
  }

  public float probability(int i, int c) {
    return probabilities[i * data.classes() + c];
  }

  /** Indices of misclassified images, most confident mistakes first. */
  public List<Integer> worstMistakes(int k) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] != data.label(i)) {
        wrong.add(i);
      }
    }
    wrong.sort((a, b) -> Float.compare(confidence(b), confidence(a)));
    return wrong.subList(0, Math.min(k, wrong.size()));
  }
}
