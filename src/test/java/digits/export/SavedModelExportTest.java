package digits.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Batch;
import digits.data.BatchPipeline;
import digits.data.Fixtures;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.inference.ServingSignature;
import digits.model.Architecture;
import digits.model.Network;
import digits.train.OptimizerConfig;
import digits.train.TrainingGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class SavedModelExportTest {
  @TempDir Path dir;

  @Test
  void exportedModelGivesTheTrainingTimeInferenceProbabilitiesAndTheDocumentedSignature() throws IOException {
    LabeledImages data = Fixtures.blocks(60, 10, 4);
    Network network = new Network(Architecture.parse("conv(4,3,relu) bn pool(2) flatten dropout(0.5) dense(10)"),
        28, 28, 10, Normalization.of(data));
    OptimizerConfig adam = new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.01, 0.9, 0.999, 1e-7, 0, false, 0);
    Batch batch = BatchPipeline.of(data, BatchPipeline.Options.inOrder(60)).epoch(0).next();
    float[] expected;
    Path model = dir.resolve("saved_model");
    try (TrainingGraph graph = new TrainingGraph(network, network.initialWeights(3), adam, 0, 0, digits.inference.Precision.FLOAT32)) {
      for (int step = 1; step <= 5; step++) {
        graph.train(batch, 0.01f, step, 3);
      }
      expected = graph.predict(batch);
      SavedModelExport.export(network, graph.weights(), model);
    }

    try (var loaded = digits.inference.SavedModelClassifier.load(model)) {
      assertEquals(network.architecture().forwardFlops(new long[] {28, 28, 1}), loaded.flopsPerInput(),
          "the graph's convolutions and products, counted from its shapes, are the architecture's");
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), ServingSignature.TAG);
        TFloat32 image = TFloat32.tensorOf(Shape.of(60, 28, 28, 1), DataBuffers.of(batch.images(), true, false));
        Result result = bundle.function(ServingSignature.KEY).call(Map.of(ServingSignature.IMAGE, image))) {
      TFloat32 p = (TFloat32) result.get(ServingSignature.PROBABILITIES).orElseThrow();
      float[] actual = new float[60 * 10];
      p.copyTo(DataBuffers.of(actual, false, false));
      assertArrayEquals(expected, actual, 1e-6f);
      TInt64 classes = (TInt64) result.get(ServingSignature.CLASS).orElseThrow();
      for (int i = 0; i < 60; i++) {
        assertEquals(digits.inference.Predictions.argMax(actual, i, 10), classes.getLong(i));
      }
      assertArrayEquals(new long[] {60, 10}, result.get(ServingSignature.LOGITS).orElseThrow().shape().asArray());
    }

    SavedModel saved;
    try (InputStream in = Files.newInputStream(model.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    }
    MetaGraphDef meta = saved.getMetaGraphs(0);
    assertTrue(meta.getMetaInfoDef().getTagsList().contains("serve"));
    SignatureDef sig = meta.getSignatureDefOrThrow("serving_default");
    assertEquals("tensorflow/serving/predict", sig.getMethodName());
    assertEquals(java.util.Set.of("image"), sig.getInputsMap().keySet());
    assertEquals(java.util.Set.of("probabilities", "logits", "class"), sig.getOutputsMap().keySet());
    var image = sig.getInputsOrThrow("image");
    assertEquals(org.tensorflow.proto.DataType.DT_FLOAT, image.getDtype());
    assertEquals(java.util.List.of(-1L, 28L, 28L, 1L), image.getTensorShape().getDimList().stream()
        .map(d -> d.getSize()).toList());
    assertEquals(org.tensorflow.proto.DataType.DT_INT64, sig.getOutputsOrThrow("class").getDtype());
    assertFalse(meta.getGraphDef().getNodeList().stream().anyMatch(n -> n.getName().contains("-m")),
        "no optimizer slots in the exported graph");
    assertFalse(meta.getGraphDef().getNodeList().stream().anyMatch(n -> n.getOp().startsWith("StatelessRandom")),
        "no dropout in the exported graph");
    assertTrue(Files.isDirectory(model.resolve("variables")));
  }

  @Test
  void reExportReplacesTheFolderWholeAndLeavesNoTemporaryFolders() throws IOException {
    Network network = new Network(Architecture.parse("flatten dense(10)"), 28, 28, 10, Normalization.UNIT);
    Path model = dir.resolve("m");
    SavedModelExport.export(network, network.initialWeights(1), model);
    SavedModelExport.export(network, network.initialWeights(2), model);
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of("m"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void aNetworkWithANonDigitClassExportsDigitProbabilitiesAndTheChanceOfNoDigit() throws Exception {
    Network network = new Network(Architecture.parse("flatten dense(11)"), 28, 28, 10, Normalization.UNIT, true);
    Map<String, float[]> weights = network.initialWeights(5);
    float[] bias = weights.get(network.weightSpecs().get(1).name());
    bias[10] = 2f; // the non-digit logit ahead of the digits' for a blank image
    Path model = dir.resolve("nd");
    SavedModelExport.export(network, weights, model);
    try (var classifier = digits.inference.SavedModelClassifier.load(model)) {
      assertTrue(classifier.hasNonDigitClass());
      assertEquals(10, classifier.classes());
      var scores = classifier.scores(new float[2 * 784], 2);
      float sum = 0;
      for (int c = 0; c < 10; c++) {
        sum += scores.probabilities()[c];
      }
      assertEquals(1f, sum, 1e-5f, "the digits' probabilities, given that the image is one digit");
      // softmax over the 11 logits (digit logits 0 for a blank image with zero digit biases): e^2 / (10 + e^2)
      assertEquals(Math.exp(2) / (10 + Math.exp(2)), scores.notADigit()[0], 1e-5);
    }
    try (var classifier = digits.inference.SavedModelClassifier.load(exportPlain())) {
      assertFalse(classifier.hasNonDigitClass());
      assertArrayEquals(new float[3], classifier.scores(new float[3 * 784], 3).notADigit());
    }
  }

  private Path exportPlain() throws IOException {
    Network network = new Network(Architecture.parse("flatten dense(10)"), 28, 28, 10, Normalization.UNIT);
    Path model = dir.resolve("plain");
    SavedModelExport.export(network, network.initialWeights(1), model);
    return model;
  }
}
