package digits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuPeakTest {
  @Test
  void flopsPerCycleFollowTheVectorFlags() {
    assertEquals(64, CpuPeak.estimate("Xeon", 2, 3.0, Set.of("avx2", "fma", "avx512f"), false, 6).flopsPerCycle());
    assertEquals(32, CpuPeak.estimate("EPYC Zen 4", 2, 3.0, Set.of("avx2", "fma", "avx512f"), true, 25)
        .flopsPerCycle(), "Zen 4 splits 512-bit FMAs in two");
    assertEquals(64, CpuPeak.estimate("EPYC Zen 5", 2, 3.0, Set.of("avx2", "fma", "avx512f"), true, 26)
        .flopsPerCycle());
    assertEquals(32, CpuPeak.estimate("EPYC Zen 3", 2, 2.45, Set.of("avx2", "fma"), true, 25).flopsPerCycle());
    CpuPeak zen3 = CpuPeak.estimate("EPYC Zen 3", 2, 2.45, Set.of("avx2", "fma"), true, 25);
    assertEquals(156.8, zen3.gflops(), 0.1, "the issue's own figure for a 2-core Zen 3 at 2.45 GHz");
    assertEquals(0.5, zen3.share(78.4e9), 1e-9);
    assertTrue(zen3.describe().contains("157 GFLOP/s"), zen3.describe());
    assertEquals(zen3.gflops(), zen3.gflops(digits.inference.Precision.MIXED_BFLOAT16), 1e-9, "no native bfloat16");
  }

  @Test
  void bfloat16PeakIsTwiceFp32WithDotProductsAndAmxTilesBeyond() {
    CpuPeak zen5 = CpuPeak.estimate("EPYC Zen 5", 2, 3.0, Set.of("avx2", "fma", "avx512f", "avx512_bf16"), true, 26);
    assertEquals(2 * zen5.gflops(), zen5.gflops(digits.inference.Precision.MIXED_BFLOAT16), 1e-9);
    assertEquals(zen5.gflops(), zen5.gflops(digits.inference.Precision.FLOAT32), 1e-9);
    CpuPeak amx = CpuPeak.estimate("Xeon", 2, 2.0, Set.of("avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16"),
        false, 6);
    assertEquals(2 * 2.0 * 1024, amx.gflops(digits.inference.Precision.MIXED_BFLOAT16), 1e-9);
  }
}
