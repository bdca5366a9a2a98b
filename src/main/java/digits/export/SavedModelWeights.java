package digits.export;

import digits.data.Normalization;
import digits.inference.InvalidModelException;
import digits.inference.Precision;
import digits.inference.SavedModelClassifier;
import digits.inference.ServingSignature;
import digits.model.WeightSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * What a SavedModel that this project exported holds: its weights by name and the standardization its graph
 * applies to the image, so that {@link SavedModelExport} can write the same model again in this version's graph.
 */
public record SavedModelWeights(Map<String, float[]> weights, Normalization input) {

  /**
   * Reads the weights {@code specs} name from the SavedModel in {@code dir}.
   *
   * @throws InvalidModelException naming the folder and the first weight that is missing or has another shape
   */
  public static SavedModelWeights read(Path dir, List<WeightSpec> specs) throws InvalidModelException {
    try (SavedModelBundle bundle = SavedModelClassifier.open(dir, Precision.FLOAT32)) {
      Map<String, float[]> weights = new LinkedHashMap<>();
      for (WeightSpec spec : specs) {
        GraphOperation op = bundle.graph().operation(spec.name());
        long[] shape = op == null ? null : op.output(0).shape().asArray();
        if (shape == null || !Arrays.equals(shape, spec.shape())) {
          throw new InvalidModelException(dir, (op == null ? "has no weight '" + spec.name() + "'"
              : "weight '" + spec.name() + "' is " + Arrays.toString(shape) + ", the architecture says "
              + Arrays.toString(spec.shape())) + ": the model was not trained with this architecture");
        }
        weights.put(spec.name(), value(bundle, spec.name()));
      }
      return new SavedModelWeights(weights, standardization(bundle));
    }
  }

  /**
   * The {@code (image - mean) / std} the graph starts with ({@link digits.model.Network#logits}), read from its
   * constants; {@link Normalization#UNIT} when the image goes in as it is.
   */
  private static Normalization standardization(SavedModelBundle bundle) {
    GraphOperation sub = consumer(bundle, ServingSignature.IMAGE, "Sub");
    GraphOperation div = sub == null ? null : consumer(bundle, sub.name(), "Div");
    if (div == null) {
      return Normalization.UNIT;
    }
    return new Normalization(value(bundle, sub.input(1).op().name())[0], value(bundle, div.input(1).op().name())[0]);
  }

  /** The operation of type {@code type} whose first input is {@code name}'s output, or null. */
  private static GraphOperation consumer(SavedModelBundle bundle, String name, String type) {
    for (Iterator<GraphOperation> it = bundle.graph().operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals(type) && op.numInputs() == 2 && op.input(0).op().name().equals(name)) {
        return op;
      }
    }
    return null;
  }

  private static float[] value(SavedModelBundle bundle, String name) {
    try (Result result = bundle.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) result.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
