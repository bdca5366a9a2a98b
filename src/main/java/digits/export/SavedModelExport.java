package digits.export;

import digits.inference.ServingSignature;
import digits.io.AtomicFiles;
import digits.model.ForwardContext;
import digits.model.LineNetwork;
import digits.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Exports a clean inference graph (weights only: no optimizer slots, no dropout, batch norm on moving
 * averages) as a SavedModel with the {@link ServingSignature}. The folder appears complete or not at all: it is
 * written under a temporary name and renamed.
 */
public final class SavedModelExport {
  private SavedModelExport() {}

  public static void export(Network network, Map<String, float[]> weights, Path dir) throws IOException {
    write(dir, tf -> {
      var image = tf.withName(ServingSignature.IMAGE).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, network.height(), network.width(), 1)));
      var all = network.logits(tf, image, ForwardContext.inference(network.createVariables(tf, weights)));
      var logits = tf.withName(ServingSignature.LOGITS).identity(network.classLogits(tf, all));
      var probabilities = tf.withName(ServingSignature.PROBABILITIES).nn.softmax(logits);
      var predicted = tf.withName(ServingSignature.CLASS).math.argMax(logits, tf.constant(1), TInt64.class);
      Signature.Builder builder = Signature.builder(ServingSignature.KEY)
          .methodName(ServingSignature.METHOD)
          .input(ServingSignature.IMAGE, image)
          .output(ServingSignature.PROBABILITIES, probabilities)
          .output(ServingSignature.LOGITS, logits)
          .output(ServingSignature.CLASS, predicted);
      if (network.nonDigitClass()) {
        builder.output(ServingSignature.NOT_A_DIGIT,
            tf.withName(ServingSignature.NOT_A_DIGIT).identity(network.nonDigitProbability(tf, all)));
      }
      return builder.build();
    });
  }

  /**
   * Exports a line model: input {@value ServingSignature#IMAGE} {@code [-1, height, width, 1]}, output
   * {@value ServingSignature#LOG_PROBS} {@code [-1, frames, classes + 1]} (the last class is CTC's blank).
   */
  public static void export(LineNetwork network, Map<String, float[]> weights, Path dir) throws IOException {
    write(dir, tf -> {
      var image = tf.withName(ServingSignature.IMAGE).placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, network.height(), network.width(), 1)));
      var logits = network.logits(tf, image, ForwardContext.inference(network.createVariables(tf, weights)));
      var logProbs = tf.withName(ServingSignature.LOG_PROBS).nn.logSoftmax(logits);
      return Signature.builder(ServingSignature.KEY).methodName(ServingSignature.METHOD)
          .input(ServingSignature.IMAGE, image).output(ServingSignature.LOG_PROBS, logProbs).build();
    });
  }

  /** Writes the graph that {@code build} makes (returning its signature) as a SavedModel, all or nothing. */
  private static void write(Path dir, Function<Ops, Signature> build) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp");
    try {
      try (Graph graph = new Graph()) {
        Signature signature = build.apply(Ops.create(graph));
        try (Session session = new Session(graph)) {
          session.initialize();
          Files.delete(tmp); // the exporter creates the folder itself
          SavedModelBundle.exporter(tmp.toString()).withTags(ServingSignature.TAG).withSession(session)
              .withSignature(signature).export();
        }
      }
      digits.io.CrashPoint.reach("export-swap", 1);
      AtomicFiles.replaceFolder(tmp, dir);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }
}
