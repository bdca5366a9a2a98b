package digits.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Normalization;
import digits.inference.Precision;
import digits.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static TrainingState after(int epochs) {
    return new TrainingState(epochs, 10L * epochs, epochs, 0.5, 0, List.of(), null);
  }

  private int epochsIn(String folder) throws Exception {
    var p = new java.util.Properties();
    try (var in = Files.newBufferedReader(dir.resolve(folder).resolve("state.properties"))) {
      p.load(in);
    }
    return Integer.parseInt(p.getProperty("epochs_done"));
  }

  @Test
  void aSaveAfterAResumeFellBackNeverRotatesAwayTheGoodCheckpoint() throws Exception {
    TrainingConfig c = TrainerTest.config("flatten dense(10)", 1, 0.01, 0);
    Network network = new Network(c.architecture(), 28, 28, 10, Normalization.UNIT);
    try (TrainingGraph g = new TrainingGraph(network, network.initialWeights(1), c.optimization().optimizer(), 0, 0,
        Precision.FLOAT32)) {
      Checkpoint checkpoint = new Checkpoint(dir);
      checkpoint.save(g, after(1));
      checkpoint.save(g, after(2));
      assertEquals(1, epochsIn(Checkpoint.PREVIOUS));
      Files.writeString(dir.resolve(Checkpoint.FOLDER).resolve("best.weights"), "damaged");
      List<String> warnings = new ArrayList<>();
      assertEquals(1, checkpoint.restore(g, warnings::add).epochsDone(), "falls back to the previous one");
      assertEquals(1, warnings.size());
      checkpoint.save(g, after(2)); // epoch 2 trained again
      assertEquals(2, epochsIn(Checkpoint.FOLDER));
      assertEquals(1, epochsIn(Checkpoint.PREVIOUS), "the good generation stays; the damaged one is gone");
      assertEquals(null, Checkpoint.damage(dir.resolve(Checkpoint.PREVIOUS)));
      assertTrue(warnings.get(0).contains("resuming from the previous one"), warnings.get(0));
    }
  }
}
