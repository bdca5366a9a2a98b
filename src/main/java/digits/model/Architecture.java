package digits.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A network as data: a list of layers parsed from text such as
 * {@code conv(32,3,relu) pool(2) conv(64,3,relu) pool(2) flatten dropout(0.5) dense(10)}.
 *
 * <p>Layers: {@code conv(filters, kernel[, activation][, same|valid][, glorot|he])},
 * {@code pool(size)}, {@code dense(units[, activation][, glorot|he])}, {@code dropout(rate)},
 * {@code bn}, {@code flatten}, {@code columns} (a line's columns as a sequence, {@link Columns}), {@code relu},
 * {@code elu}. Activations default to linear, so the last
 * {@code dense} gives logits.
 */
public record Architecture(String text, List<Layer> layers) {
  private static final Pattern TOKEN = Pattern.compile("\\s*([a-zA-Z_]+)\\s*(?:\\(([^)]*)\\))?\\s*");

  public Architecture {
    layers = List.copyOf(layers);
  }

  /**
   * The layers applied in turn to {@code x}. At inference a batch norm right after a convolution or a dense layer
   * without an activation is folded into that layer's kernel and bias ({@link BatchNorm#foldInto}).
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, ForwardContext context) {
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (!context.training() && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm norm
          && layer instanceof Affine affine && affine.activation() == Activation.LINEAR) {
        x = norm.foldInto(tf, affine, x, context);
        i++;
      } else {
        x = layer.call(tf, x, context);
      }
    }
    return x;
  }

  /** Parses the layer list; throws {@link IllegalArgumentException} naming the first bad token. */
  public static Architecture parse(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("Expected at least one layer, received an empty architecture");
    }
    List<Layer> layers = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("Expected a layer such as conv(32,3,relu) at position " + at
            + " of architecture '" + text + "', received '" + text.substring(at).strip() + "'");
      }
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      List<String> args = m.group(2) == null || m.group(2).isBlank() ? List.of()
          : List.of(m.group(2).split("\\s*,\\s*")).stream().map(String::strip).toList();
      String prefix = switch (kind) {
        case "batchnorm" -> "bn";
        case "maxpool" -> "pool";
        default -> kind;
      };
      int n = counters.merge(prefix, 1, Integer::sum);
      layers.add(layer(kind, prefix + n, args, counters.getOrDefault("dropout", 0) - 1, m.group().strip()));
      at = m.end();
    }
    return new Architecture(text.strip(), layers);
  }

  private static Layer layer(String kind, String name, List<String> args, int dropoutIndex, String token) {
    try {
      return switch (kind) {
        case "conv" -> {
          arity(args, 2, 5);
          Activation activation = Activation.LINEAR;
          boolean same = false;
          WeightSpec.Init init = WeightSpec.Init.GLOROT_UNIFORM;
          for (String option : args.subList(2, args.size())) {
            switch (option.toLowerCase(Locale.ROOT)) {
              case "same" -> same = true;
              case "valid" -> same = false;
              case "he" -> init = WeightSpec.Init.HE_NORMAL;
              case "glorot" -> init = WeightSpec.Init.GLOROT_UNIFORM;
              default -> activation = Activation.parse(option);
            }
          }
          yield new Conv2D(name, integer(args.get(0)), integer(args.get(1)), activation, same, init);
        }
        case "dense" -> {
          arity(args, 1, 3);
          Activation activation = Activation.LINEAR;
          WeightSpec.Init init = WeightSpec.Init.GLOROT_UNIFORM;
          for (String option : args.subList(1, args.size())) {
            switch (option.toLowerCase(Locale.ROOT)) {
              case "he" -> init = WeightSpec.Init.HE_NORMAL;
              case "glorot" -> init = WeightSpec.Init.GLOROT_UNIFORM;
              default -> activation = Activation.parse(option);
            }
          }
          yield new Dense(name, integer(args.get(0)), activation, init);
        }
        case "pool", "maxpool" -> {
          arity(args, 0, 1);
          yield new MaxPool2D(name, args.isEmpty() ? 2 : integer(args.get(0)));
        }
        case "dropout" -> {
          arity(args, 1, 1);
          yield new Dropout(name, Double.parseDouble(args.get(0)), dropoutIndex);
        }
        case "bn", "batchnorm" -> {
          arity(args, 0, 1);
          yield new BatchNorm(name, args.isEmpty() ? BatchNorm.MOMENTUM : Double.parseDouble(args.get(0)),
              BatchNorm.EPSILON);
        }
        case "flatten" -> {
          arity(args, 0, 0);
          yield new Flatten(name);
        }
        case "columns" -> {
          arity(args, 0, 0);
          yield new Columns(name);
        }
        case "relu", "elu" -> {
          arity(args, 0, 0);
          yield new ActivationLayer(name, Activation.parse(kind));
        }
        default -> throw new IllegalArgumentException("unknown layer '" + kind
            + "' (known: conv, pool, dense, dropout, bn, flatten, columns, relu, elu)");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected numbers in layer '" + token + "', received " + args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Bad layer '" + token + "': " + e.getMessage(), e);
    }
  }

  private static void arity(List<String> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new IllegalArgumentException("expected " + (min == max ? "" + min : min + " to " + max)
          + " arguments, received " + args.size());
    }
  }

  private static int integer(String s) {
    return Integer.parseInt(s);
  }

  /** One row of the summary. */
  public record Row(Layer layer, long[] outputShape, long parameters) {}

  /** Output shape and parameter count of each layer for {@code input} (no batch dimension). */
  public List<Row> summary(long[] input) {
    List<Row> rows = new ArrayList<>();
    long[] shape = input;
    for (Layer layer : layers) {
      long params = layer.weights(shape).stream().mapToLong(WeightSpec::size).sum();
      shape = layer.outputShape(shape);
      rows.add(new Row(layer, shape, params));
    }
    return rows;
  }

  /** How many logits the network gives for {@code input}: its last layer's width (-1 when that is not flat). */
  public long outputs(long[] input) {
    List<Row> rows = summary(input);
    long[] out = rows.get(rows.size() - 1).outputShape();
    return out.length == 1 ? out[0] : -1;
  }

  /** Checks that the network maps {@code input} to {@code classes} logits. */
  public long[] validate(long[] input, int classes) {
    List<Row> rows = summary(input);
    long[] out = rows.get(rows.size() - 1).outputShape();
    if (out.length != 1 || out[0] != classes) {
      throw new IllegalArgumentException("Expected the architecture to end in " + classes
          + " outputs (such as dense(" + classes + ")), received " + Shapes.format(out));
    }
    return out;
  }

  /** Fresh weights for {@code input} from the seeded initializers, in layer order. */
  public Map<String, float[]> initialWeights(long[] input, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (WeightSpec spec : weights(input)) {
      values.put(spec.name(), Initializers.initialValues(spec, random.split()));
    }
    return values;
  }

  /** One variable per weight for {@code input}, each starting from {@code values} (registered as graph initializers). */
  public Map<String, Variable<TFloat32>> createVariables(Ops tf, long[] input, Map<String, float[]> values) {
    Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
    for (WeightSpec spec : weights(input)) {
      float[] v = values.get(spec.name());
      if (v == null || v.length != spec.size()) {
        throw new IllegalArgumentException("Expected " + spec.size() + " values for weight " + spec.name()
            + ", received " + (v == null ? "none" : v.length));
      }
      var init = tf.constant(Shape.of(spec.shape()), DataBuffers.of(v, true, false));
      vars.put(spec.name(), tf.withName(spec.name()).variable(init));
    }
    return vars;
  }

  /** Every weight of the network, in layer order. */
  public List<WeightSpec> weights(long[] input) {
    List<WeightSpec> all = new ArrayList<>();
    long[] shape = input;
    for (Layer layer : layers) {
      all.addAll(layer.weights(shape));
      shape = layer.outputShape(shape);
    }
    return all;
  }

  /** A Keras-style table: layer, output shape, parameters, and the totals. */
  public String formatSummary(long[] input) {
    List<Row> rows = summary(input);
    StringBuilder s = new StringBuilder();
    String line = "-".repeat(68) + "\n";
    s.append(String.format("%-34s %-20s %12s%n", "Layer (type)", "Output Shape", "Param #")).append(line);
    long total = 0;
    for (Row r : rows) {
      s.append(String.format("%-34s %-20s %,12d%n", r.layer().name() + " (" + r.layer().describe() + ")",
          Shapes.format(r.outputShape()), r.parameters()));
      total += r.parameters();
    }
    long trainable = weights(input).stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::size).sum();
    s.append(line);
    s.append(String.format("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n", total,
        trainable, total - trainable));
    return s.toString();
  }

  public long parameterCount(long[] input) {
    return weights(input).stream().mapToLong(WeightSpec::size).sum();
  }

  /**
   * Floating-point operations of one forward pass for {@code input}: two per multiply-add of the convolutions and
   * dense layers (a kernel's weights at every output position); pooling, activations and normalization, which cost
   * far less, are left out. Training costs about three times this (forward, and backward for inputs and weights).
   */
  public long forwardFlops(long[] input) {
    long flops = 0;
    for (Row r : summary(input)) {
      if (r.layer() instanceof Conv2D conv) {
        long positions = r.outputShape()[0] * r.outputShape()[1];
        flops += 2 * (r.parameters() - conv.filters()) * positions;
      } else if (r.layer() instanceof Dense dense) {
        flops += 2 * (r.parameters() - dense.units());
      }
    }
    return flops;
  }
}
