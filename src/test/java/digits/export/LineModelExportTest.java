package digits.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Batch;
import digits.data.Normalization;
import digits.inference.InvalidModelException;
import digits.inference.Precision;
import digits.inference.SavedModelLineReader;
import digits.model.Architecture;
import digits.model.LineNetwork;
import digits.model.Network;
import digits.predict.search.Ctc;
import digits.train.LineGraph;
import digits.train.OptimizerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny line model learns to read a few lines with CTC, and its export reads them as the training graph did. */
class LineModelExportTest {
  @TempDir Path dir;

  private static final int H = 8;
  private static final int W = 32;
  /** Three classes: digits 0 and 1, then the blank. */
  private static final LineNetwork NETWORK = new LineNetwork(
      Architecture.parse("conv(8,3,same) bn relu pool(2) columns conv(16,1) relu conv(3,3,same)"), H, W, 2);

  @Test
  void aLineNetworkEndsInFramesOfItsClassesAndBlank() {
    assertEquals(16, NETWORK.frames());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LineNetwork(
        Architecture.parse("conv(8,3,same) pool(2) flatten dense(3)"), H, W, 2));
    assertEquals("Expected a line architecture to end in [1, frames, 3] (columns, then conv(3,1)), received (None, 3)",
        e.getMessage());
  }

  @Test
  void ctcTrainingLearnsLinesAndTheExportReadsThemAlike() throws Exception {
    // four lines: bars of digit 0 (short) and 1 (tall) side by side
    String[] texts = {"0", "01", "110", "1001"};
    float[] lines = new float[texts.length * H * W];
    int[] labels = new int[texts.length * 4];
    java.util.Arrays.fill(labels, -1);
    for (int i = 0; i < texts.length; i++) {
      for (int k = 0; k < texts[i].length(); k++) {
        int digit = texts[i].charAt(k) - '0';
        labels[i * 4 + k] = digit;
        for (int y = digit == 0 ? 4 : 0; y < H; y++) {
          for (int x = 2 + 7 * k; x < 5 + 7 * k; x++) {
            lines[i * H * W + y * W + x] = 1;
          }
        }
      }
    }
    OptimizerConfig adam = new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.01, 0.9, 0.999, 1e-7, 0, false, 0);
    float[] expected;
    float first;
    float last = 0;
    Path model = dir.resolve("line_model");
    try (LineGraph graph = new LineGraph(NETWORK, NETWORK.initialWeights(1), adam, 4, Precision.FLOAT32)) {
      Batch batch = new Batch(lines, labels, texts.length, NETWORK.height(), NETWORK.width());
      first = graph.train(batch, 0.01f, 1, 1).loss();
      for (int step = 2; step <= 150; step++) {
        last = graph.train(batch, 0.01f, step, 1).loss();
      }
      expected = graph.logProbabilities(lines, texts.length);
      SavedModelExport.export(NETWORK, graph.weights(), model);
    }
    assertTrue(last < first / 4, "loss " + first + " -> " + last);
    for (int i = 0; i < texts.length; i++) {
      assertEquals(texts[i], Ctc.greedy(expected, i * 16 * 3, 16, 3), "line " + i);
    }
    try (SavedModelLineReader reader = SavedModelLineReader.load(model)) {
      assertEquals(H, reader.height());
      assertEquals(W, reader.width());
      assertEquals(16, reader.frames());
      assertEquals(3, reader.classes());
      assertArrayEquals(expected, reader.logProbabilities(lines, texts.length), 1e-4f);
    }
  }

  @Test
  void aDigitModelIsNotALineModel() throws Exception {
    Path classifier = dir.resolve("saved_model");
    Network network = new Network(Architecture.parse("flatten dense(10)"), 28, 28, 10, Normalization.UNIT);
    SavedModelExport.export(network, network.initialWeights(1), classifier);
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> SavedModelLineReader.load(classifier));
    assertTrue(e.getMessage().startsWith(classifier + ": is not a line model: expected input 'image'"),
        e.getMessage());
    assertEquals(dir.resolve("none") + ": does not exist", assertThrows(InvalidModelException.class,
        () -> SavedModelLineReader.load(dir.resolve("none"))).getMessage());
  }
}
