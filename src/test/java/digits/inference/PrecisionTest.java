package digits.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.RewriterConfig;

/** What each precision asks of TensorFlow, and when {@code auto} picks bfloat16. */
class PrecisionTest {
  @Test
  void autoPicksBfloat16OnlyWhereTheCpuComputesItNatively() {
    assertTrue(Precision.nativeBfloat16(Set.of("avx512f", "avx512_bf16")));
    assertTrue(Precision.nativeBfloat16(Set.of("amx_tile", "amx_bf16")));
    assertFalse(Precision.nativeBfloat16(Set.of("avx2", "fma", "avx512f")), "AVX-512 without BF16 emulates it");
    assertEquals(Precision.nativeBfloat16(Precision.cpuFlags()) ? Precision.MIXED_BFLOAT16 : Precision.FLOAT32,
        Precision.AUTO.resolve());
    assertEquals(Precision.FLOAT32, Precision.FLOAT32.resolve());
    assertEquals(Precision.MIXED_BFLOAT16, Precision.MIXED_BFLOAT16.resolve());
  }

  @Test
  void onlyMixedBfloat16TurnsOnTheRewrite() {
    assertEquals(RewriterConfig.Toggle.ON, Precision.MIXED_BFLOAT16.sessionConfig().getGraphOptions()
        .getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
    assertEquals(RewriterConfig.Toggle.DEFAULT, Precision.FLOAT32.sessionConfig().getGraphOptions()
        .getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
  }
}
