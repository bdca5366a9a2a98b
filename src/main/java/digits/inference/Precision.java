package digits.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The number format training computes in. Mixed bfloat16 is TensorFlow's own rewrite of the graph for oneDNN
 * (Grappler's {@code auto_mixed_precision_onednn_bfloat16}): convolutions, matrix products and the element-wise
 * ops between them run in bfloat16, while weights, optimizer state, batch-norm statistics and the loss stay in
 * float32, as with Keras' {@code mixed_bfloat16} policy. The graph itself, and so the exported SavedModel, stays
 * float32.
 */
public enum Precision {
  /** Every op in 32-bit floats. */
  FLOAT32,
  /** Compute-heavy ops in bfloat16, state in float32. */
  MIXED_BFLOAT16,
  /** {@link #MIXED_BFLOAT16} where the CPU computes bfloat16 natively (AVX512_BF16 or AMX), else {@link #FLOAT32}. */
  AUTO;

  private static final Set<String> NATIVE_BFLOAT16 = Set.of("avx512_bf16", "amx_bf16");

  /** What this precision means on this machine: {@link #AUTO} decided, the others as they are. */
  public Precision resolve() {
    return this != AUTO ? this : nativeBfloat16(Cpu.FLAGS) ? MIXED_BFLOAT16 : FLOAT32;
  }

  /** True when {@code flags} (as {@code /proc/cpuinfo} lists them) include an instruction set for bfloat16. */
  static boolean nativeBfloat16(Set<String> flags) {
    return flags.stream().anyMatch(NATIVE_BFLOAT16::contains);
  }

  /** One line for the training log: the precision and, for {@link #AUTO}, why. */
  public String describe() {
    Precision resolved = resolve();
    String name = resolved == MIXED_BFLOAT16 ? "mixed bfloat16" : "float32";
    if (this == AUTO) {
      return name + (resolved == MIXED_BFLOAT16 ? " (auto: this CPU computes bfloat16 natively)"
          : " (auto: this CPU has no native bfloat16)");
    }
    return resolved == MIXED_BFLOAT16 && !nativeBfloat16(Cpu.FLAGS)
        ? name + " (this CPU has no native bfloat16: expect it slower than float32)" : name;
  }

  /** The session configuration that computes in this precision. */
  public ConfigProto sessionConfig() {
    RewriterConfig.Builder rewrite = RewriterConfig.newBuilder();
    if (resolve() == MIXED_BFLOAT16) {
      rewrite.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    }
    return ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrite)).build();
  }

  /** This machine's CPU flags, read once. */
  private static final class Cpu {
    static final Set<String> FLAGS = cpuFlags();
  }

  /** The first CPU's flags from {@code /proc/cpuinfo}; none where it cannot be read. */
  static Set<String> cpuFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          return Set.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: no flags known
    }
    return Set.of();
  }
}
