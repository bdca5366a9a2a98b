package digits.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.export.SavedModelExport;
import digits.inference.InvalidModelException;
import digits.inference.SavedModelClassifier;
import digits.model.Architecture;
import digits.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ModelEvaluationTest {
  @TempDir Path dir;
  private final LabeledImages data = Fixtures.blocks(120, 10, 9);

  /** An untrained model with the documented signature (seeded weights: deterministic, not all correct). */
  static Path model(Path dir, String name, long seed) throws IOException {
    Network n = new Network(Architecture.parse("conv(4,3,relu) pool(2) flatten dense(10)"), 28, 28, 10,
        Normalization.UNIT);
    Path path = dir.resolve(name);
    SavedModelExport.export(n, n.initialWeights(seed), path);
    return path;
  }

  @Test
  void evaluatingTwiceGivesIdenticalNumbersAndAnEnsembleOfOneEqualsItsModel() throws IOException {
    try (SavedModelClassifier a = SavedModelClassifier.load(model(dir, "a", 1))) {
      ModelEvaluation first = ModelEvaluation.of("a", List.of(a), data);
      ModelEvaluation second = ModelEvaluation.of("a", List.of(a), data);
      assertArrayEquals(first.probabilities(), second.probabilities());
      assertEquals(first.accuracy(), second.accuracy());
      assertEquals(first.loss(), second.loss());
      try (SavedModelClassifier again = SavedModelClassifier.load(a.dir())) {
        ModelEvaluation ensemble = ModelEvaluation.of("ensemble", List.of(again), data);
        assertArrayEquals(first.probabilities(), ensemble.probabilities());
        assertArrayEquals(first.predicted(), ensemble.predicted());
      }
    }
  }

  @Test
  void anEnsembleAveragesProbabilities() throws IOException {
    try (SavedModelClassifier a = SavedModelClassifier.load(model(dir, "a", 1));
        SavedModelClassifier b = SavedModelClassifier.load(model(dir, "b", 2))) {
      float[] pa = ModelEvaluation.of("a", List.of(a), data).probabilities();
      float[] pb = ModelEvaluation.of("b", List.of(b), data).probabilities();
      float[] pe = ModelEvaluation.of("e", List.of(a, b), data).probabilities();
      for (int i = 0; i < pe.length; i++) {
        assertEquals((pa[i] + pb[i]) / 2, pe[i], 1e-6);
      }
    }
  }

  @Test
  void testTimeAugmentationAveragesTheImageAndItsFourOnePixelShifts() throws IOException {
    byte[] one = new byte[28 * 28];
    one[5 * 28 + 7] = (byte) 255;
    LabeledImages single = new LabeledImages(one, new byte[] {3}, 28, 28, 10);
    float[] right = ModelEvaluation.shifted(single, 1, 0);
    assertEquals(1f, right[5 * 28 + 8]);
    assertEquals(0f, right[5 * 28 + 7]);
    assertEquals(1f, ModelEvaluation.shifted(single, 0, -1)[4 * 28 + 7]);
    try (SavedModelClassifier a = SavedModelClassifier.load(model(dir, "a", 1))) {
      float[] tta = ModelEvaluation.of("a", List.of(a), data, true).probabilities();
      float[] expected = new float[tta.length];
      for (int[] s : ModelEvaluation.TTA_SHIFTS) {
        float[] p = a.probabilities(ModelEvaluation.shifted(data, s[0], s[1]), data.size());
        for (int i = 0; i < p.length; i++) {
          expected[i] += p[i] / ModelEvaluation.TTA_SHIFTS.length;
        }
      }
      assertArrayEquals(expected, tta, 1e-6f);
    }
  }

  @Test
  void aFolderThatIsNotASavedModelIsRefused() throws IOException {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> SavedModelClassifier.load(Files.createDirectories(dir.resolve("empty"))));
    assertTrue(e.getMessage().contains("is not a SavedModel (no saved_model.pb"), e.getMessage());
    Files.writeString(dir.resolve("empty/saved_model.pb"), "garbage");
    e = assertThrows(InvalidModelException.class, () -> SavedModelClassifier.load(dir.resolve("empty")));
    assertTrue(e.getMessage().contains("damaged (truncated or overwritten)"), e.getMessage());
    e = assertThrows(InvalidModelException.class, () -> SavedModelClassifier.load(dir.resolve("missing")));
    assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
  }

  @Test
  void aSavedModelWithADamagedWeightsFileIsOneLineSayingSo() throws IOException {
    var network = new digits.model.Network(digits.model.Architecture.parse("flatten dense(10)"), 28, 28, 10,
        digits.data.Normalization.UNIT);
    Path model = dir.resolve("damaged");
    digits.export.SavedModelExport.export(network, network.initialWeights(1), model);
    Files.write(model.resolve("variables/variables.data-00000-of-00001"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> SavedModelClassifier.load(model));
    assertEquals(model + ": damaged (truncated or overwritten): export or train it again", e.getMessage());
  }

  @Test
  void aSignatureWithOtherNamesOrShapesIsRefused() throws IOException {
    Path other = exportIdentity(dir.resolve("other"), "pixels", Shape.of(-1, 28, 28, 1));
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> SavedModelClassifier.load(other));
    assertTrue(e.getMessage().contains("must have input 'image' and output 'probabilities'"), e.getMessage());
    Path flat = exportIdentity(dir.resolve("flat"), "image", Shape.of(-1, 784));
    e = assertThrows(InvalidModelException.class, () -> SavedModelClassifier.load(flat));
    assertTrue(e.getMessage().contains("expected input 'image' float32 [-1, height, width, 1]"), e.getMessage());
  }

  /** A SavedModel whose serving_default maps input {@code name} to an output "probabilities" by identity. */
  private static Path exportIdentity(Path path, String name, Shape shape) throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      var v = tf.variable(tf.constant(1f));
      var y = tf.math.mul(x, v);
      try (Session s = new Session(g)) {
        s.initialize();
        SavedModelBundle.exporter(path.toString()).withSession(s).withSignature(Signature.builder("serving_default")
            .input(name, x).output("probabilities", y).build()).export();
      }
    }
    return path;
  }
}
