package digits.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Normalization;
import digits.export.SavedModelExport;
import digits.inference.SavedModelClassifier;
import digits.inference.SavedModelLineReader;
import digits.model.Architecture;
import digits.model.LineNetwork;
import digits.model.Network;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/**
 * {@code digits export}: a model folder written again by this version's exporter computes what the original does,
 * with its batch norms folded; bad requests get one line and leave nothing behind.
 */
class ExportCommandTest {
  private static final String ARCHITECTURE = "conv(4,3,same) bn relu pool(2) flatten dense(8) bn relu dense(10)";

  @TempDir Path dir;
  private Path run;

  /**
   * A model folder as an earlier version wrote it, every batch norm a pass of its own over the activations: the
   * same networks with an identity (a dropout of rate 0, no weights) before each batch norm, so none is folded.
   */
  @BeforeEach
  void writtenTheEarlierWay() throws Exception {
    run = dir.resolve("run");
    Files.writeString(dir.resolve("recipe.properties"), "architecture = " + ARCHITECTURE + "\n");
    Network network = new Network(Architecture.parse(unfolded(ARCHITECTURE)), 28, 28, 10,
        new Normalization(0.13f, 0.31f));
    SavedModelExport.export(network, scrambled(network.initialWeights(1)), run.resolve("saved_model"));
    LineNetwork line = new LineNetwork(Architecture.parse(unfolded(LineNetwork.ARCHITECTURE)), 24, 192, 10);
    SavedModelExport.export(line, scrambled(line.initialWeights(2)), run.resolve("line_model"));
  }

  private static String unfolded(String architecture) {
    return architecture.replace(" bn", " dropout(0) bn");
  }

  /** Weights as training leaves them: batch norm statistics far from their starting ones. */
  private static Map<String, float[]> scrambled(Map<String, float[]> weights) {
    SplittableRandom random = new SplittableRandom(3);
    Map<String, float[]> out = new HashMap<>();
    weights.forEach((name, w) -> {
      float[] v = w.clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = name.endsWith("_variance") ? (float) random.nextDouble(0.2, 2)
            : name.startsWith("bn") ? (float) random.nextDouble(-0.5, 0.5)
            : v[i] + (float) random.nextDouble(-0.05, 0.05);
      }
      out.put(name, v);
    });
    return out;
  }

  @Test
  void theCopyComputesWhatTheOriginalDoesWithEveryBatchNormFolded() throws Exception {
    Path out = dir.resolve("out");
    Result r = run("export", run.toString(), "-o", out.toString(), "-p", dir.resolve("recipe.properties").toString());
    assertEquals(0, r.code, r.err);
    assertTrue(r.out.startsWith("Exported "), r.out);
    float[] images = new float[16 * 784];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextDouble() < 0.3 ? (float) random.nextDouble() : 0f;
    }
    try (var a = SavedModelClassifier.load(run.resolve("saved_model"));
        var b = SavedModelClassifier.load(out.resolve("saved_model"))) {
      assertArrayEquals(a.probabilities(images, 16), b.probabilities(images, 16), 1e-5f, "probabilities");
    }
    float[] lines = new float[2 * 24 * 192];
    System.arraycopy(images, 0, lines, 0, lines.length);
    try (var a = SavedModelLineReader.load(run.resolve("line_model"));
        var b = SavedModelLineReader.load(out.resolve("line_model"))) {
      assertArrayEquals(a.logProbabilities(lines, 2), b.logProbabilities(lines, 2), 1e-4f, "line log-probabilities");
    }
    assertEquals(List.of(2, 0, 6, 0), List.of(activationPasses(run.resolve("saved_model")),
        activationPasses(out.resolve("saved_model")), activationPasses(run.resolve("line_model")),
        activationPasses(out.resolve("line_model"))), "a pass over the activations per batch norm in the originals "
        + "(2 in the digit model, 6 in the line model), none in the copies");
    assertEquals(List.of("out", "recipe.properties", "run"), listing(dir), "no temporary folder is left");
  }

  @Test
  void aRecipeThatDoesNotFitTheWeightsIsOneLineNamingTheWeightAndWritesNothing() throws Exception {
    Files.writeString(dir.resolve("wider.properties"), "architecture = " + ARCHITECTURE.replace("dense(8)", "dense(16)")
        + "\n");
    Result r = run("export", run.toString(), "-o", dir.resolve("out").toString(), "-p",
        dir.resolve("wider.properties").toString());
    assertEquals(1, r.code);
    assertEquals("digits: error: " + run.toAbsolutePath().resolve("saved_model") + ": weight 'dense1_kernel' is "
        + "[784, 8], the architecture says [784, 16]: the model was not trained with this architecture\n", r.err);
    assertEquals(List.of("recipe.properties", "run", "wider.properties"), listing(dir));
  }

  @Test
  void anExistingOutputOrAMissingRecipeIsAUsageErrorAndNothingIsTouched() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    Result taken = run("export", run.toString(), "-o", out.toString(), "-p",
        dir.resolve("recipe.properties").toString());
    assertEquals(2, taken.code);
    assertEquals("digits: error: " + out + ": already exists; export into a new folder\n", taken.err);
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    Result noRecipe = run("export", run.toString(), "-o", dir.resolve("other").toString());
    assertEquals(2, noRecipe.code);
    assertTrue(noRecipe.err.startsWith("digits: error: " + run + ": no config.properties"), noRecipe.err);
    Result noModel = run("export", dir.resolve("nothing").toString(), "-o", dir.resolve("other").toString());
    assertEquals(2, noModel.code);
    assertEquals("digits: error: " + dir.resolve("nothing") + ": no saved_model/saved_model.pb in it\n", noModel.err);
    assertFalse(Files.exists(dir.resolve("other")));
  }

  /** Subtractions over whole activation tensors (rank 2 and up): one per batch norm that is not folded. */
  private static int activationPasses(Path savedModel) {
    try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
      int[] n = {0};
      bundle.graph().operations().forEachRemaining(op -> {
        if (op.type().equals("Sub") && op.numInputs() == 2 && op.input(1).op().type().equals("VariableV2")
            && op.output(0).shape().numDimensions() > 1) {
          n[0]++;
        }
      });
      return n[0];
    }
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
