package digits.predict;

import digits.data.Augmentation;
import digits.data.BatchPipeline;
import digits.data.Datasets;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.export.SavedModelExport;
import digits.model.Architecture;
import digits.model.Network;
import digits.train.Trainer;
import digits.train.TrainingConfig;
import digits.train.TrainingGraph;
import digits.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model trained on real MNIST for a short while (two epochs with augmentation, about 20 s on 2 cores),
 * exported once per test JVM and shared by the tests that read drawn digits. MNIST comes from {@code data/mnist},
 * fetched there by the project's own fetcher when missing.
 */
public final class ShortMnistModel {
  private static Path exported;
  /** The first failure (MNIST could not be fetched, say), given again to every later caller: it fails once. */
  private static IOException failed;

  private ShortMnistModel() {}

  public static synchronized Path savedModel() throws IOException {
    if (exported != null) {
      return exported;
    }
    if (failed != null) {
      throw new IOException("the short MNIST model could not be made: " + failed.getMessage(), failed);
    }
    try {
      exported = train();
    } catch (IOException e) {
      failed = e;
      throw e;
    }
    return exported;
  }

  private static Path train() throws IOException {
    Datasets.Loaded mnist = Datasets.load("mnist", Path.of("data"), new PrintWriter(new StringWriter()));
    LabeledImages train = mnist.train();
    Map<String, String> s = new HashMap<>(digits.run.Profile.DEFAULTS);
    s.put("architecture", "conv(32,3,relu) pool(2) conv(64,3,relu) pool(2) flatten dropout(0.3) dense(10)");
    s.put("epochs", "2");
    s.put("learning_rate", "0.003");
    s.put("schedule", "one_cycle");
    TrainingConfig config = digits.run.Profile.toConfig(s);
    Network network = new Network(config.architecture(), 28, 28, 10, Normalization.of(train));
    BatchPipeline pipeline = BatchPipeline.of(train, new BatchPipeline.Options(128, false, true, Normalization.UNIT,
        Augmentation.affine(12, 0.12, 2.5), 2, 7));
    Path dir = Files.createDirectories(Path.of("target", "test-models")).resolve("short-mnist");
    try (TrainingGraph graph = new TrainingGraph(network, network.initialWeights(7), config.optimization().optimizer(), 0, 0, digits.inference.Precision.FLOAT32)) {
      TrainingResult r = new Trainer(config, List.of(), new AtomicBoolean()).fit(graph, pipeline, null);
      SavedModelExport.export(network, r.weights(), dir);
    }
    return dir;
  }
}
