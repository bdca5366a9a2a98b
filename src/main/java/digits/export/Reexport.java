package digits.export;

import digits.inference.InvalidModelException;
import digits.inference.SavedModelClassifier;
import digits.inference.SavedModelLineReader;
import digits.model.Architecture;
import digits.model.LineNetwork;
import digits.model.Network;
import digits.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a model this project exported again, in this version's graph (the same weights; batch norm folded into
 * the layer before it, {@link digits.model.BatchNorm#foldInto}), and checks that the copy computes what the
 * original does: within {@value #TOLERANCE} on every output, in float32, for {@value #CHECKS} seeded images.
 */
public final class Reexport {
  static final float TOLERANCE = 1e-4f;
  static final int CHECKS = 64;

  private Reexport() {}

  /**
   * The digit model in {@code from}, trained by {@code recipe}, written to {@code to}.
   *
   * @throws InvalidModelException when {@code from} is not such a model or the copy computes something else
   */
  public static void digitModel(Path from, TrainingConfig recipe, Path to) throws IOException {
    try (SavedModelClassifier original = SavedModelClassifier.load(from)) {
      SavedModelWeights saved = SavedModelWeights.read(from,
          recipe.architecture().weights(new long[] {original.height(), original.width(), 1}));
      Network network = recipe.network(original.height(), original.width(), original.classes(), saved.input());
      SavedModelExport.export(network, saved.weights(), to);
      float[] images = images(network.height() * network.width());
      try (SavedModelClassifier copy = SavedModelClassifier.load(to)) {
        SavedModelClassifier.Scores a = original.scores(images, CHECKS);
        SavedModelClassifier.Scores b = copy.scores(images, CHECKS);
        check(from, "probabilities", a.probabilities(), b.probabilities());
        check(from, "not-a-digit probabilities", a.notADigit(), b.notADigit());
      }
    }
  }

  /** The line model in {@code from} ({@link LineNetwork#ARCHITECTURE}) written to {@code to}. */
  public static void lineModel(Path from, Path to) throws IOException {
    try (SavedModelLineReader original = SavedModelLineReader.load(from)) {
      LineNetwork network = new LineNetwork(Architecture.parse(LineNetwork.ARCHITECTURE), original.height(),
          original.width(), original.classes() - 1);
      SavedModelExport.export(network, SavedModelWeights.read(from, network.weightSpecs()).weights(), to);
      float[] images = images(network.height() * network.width());
      try (SavedModelLineReader copy = SavedModelLineReader.load(to)) {
        check(from, "log-probabilities", original.logProbabilities(images, CHECKS),
            copy.logProbabilities(images, CHECKS));
      }
    }
  }

  /** {@value #CHECKS} images of scattered strokes: a fifth of the pixels inked, at random strengths. */
  private static float[] images(int pixels) {
    SplittableRandom random = new SplittableRandom(42);
    float[] x = new float[CHECKS * pixels];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() < 0.2 ? (float) random.nextDouble() : 0f;
    }
    return x;
  }

  private static void check(Path from, String what, float[] original, float[] copy) throws InvalidModelException {
    float worst = 0;
    for (int i = 0; i < original.length; i++) {
      worst = Math.max(worst, Math.abs(original[i] - copy[i]));
    }
    if (!(worst <= TOLERANCE)) {
      throw new InvalidModelException(from, "written again, it computes other " + what + " (by up to " + worst
          + "): not the architecture it was trained with");
    }
  }
}
