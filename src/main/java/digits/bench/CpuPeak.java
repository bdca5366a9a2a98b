package digits.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * An estimate of this machine's peak single-precision rate, for saying how much of it training reaches: cores x
 * clock x floating-point operations per cycle, the last from the CPU's vector flags (a fused multiply-add is two).
 * AVX-512 parts differ in how many 512-bit FMA units they have; the estimate names its assumption.
 *
 * @param flopsPerCycle single-precision operations per cycle and core
 * @param basis how {@code flopsPerCycle} was chosen, in words
 * @param bfloat16FlopsPerCycle bfloat16 operations per cycle and core where the CPU computes them natively: AMX
 *     tiles 1,024, AVX512_BF16 dot products twice the fp32 rate; 0 where it does not
 */
public record CpuPeak(String model, int cores, double ghz, int flopsPerCycle, String basis,
    int bfloat16FlopsPerCycle) {
  /** The fp32 peak in GFLOP/s. */
  public double gflops() {
    return cores * ghz * flopsPerCycle;
  }

  /** The peak in GFLOP/s of work computed in {@code precision} (bfloat16's where the CPU computes it natively). */
  public double gflops(digits.inference.Precision precision) {
    boolean bf16 = bfloat16FlopsPerCycle > 0 && precision.resolve() == digits.inference.Precision.MIXED_BFLOAT16;
    return bf16 ? cores * ghz * bfloat16FlopsPerCycle : gflops();
  }

  /** The share of the peak that {@code flopsPerSecond} is. */
  public double share(double flopsPerSecond) {
    return flopsPerSecond / 1e9 / gflops();
  }

  /** This machine's estimate (Linux: {@code /proc/cpuinfo} and cpufreq; elsewhere, flags unknown: 16). */
  public static CpuPeak detect() {
    int cores = Runtime.getRuntime().availableProcessors();
    String info = read(Path.of("/proc/cpuinfo"));
    String model = field(info, "model name", System.getProperty("os.arch"));
    Set<String> flags = Set.of(field(info, "flags", "").split("\\s+"));
    double ghz = 0;
    String max = read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")).strip();
    if (!max.isEmpty()) {
      ghz = Double.parseDouble(max) / 1e6;
    } else if (!field(info, "cpu MHz", "").isEmpty()) {
      ghz = Double.parseDouble(field(info, "cpu MHz", "0")) / 1e3;
    }
    int family = (int) Double.parseDouble(field(info, "cpu family", "0"));
    return estimate(model, cores, ghz, flags, field(info, "vendor_id", "").contains("AMD"), family);
  }

  /** The estimate for a CPU with these vector {@code flags}. */
  static CpuPeak estimate(String model, int cores, double ghz, Set<String> flags, boolean amd, int family) {
    int fp32;
    String basis;
    if (flags.contains("avx512f")) {
      // Zen 4 runs 512-bit FMAs as two 256-bit halves; Zen 5 and Xeons have two full 512-bit FMA units.
      boolean halfWidth = amd && family < 26;
      fp32 = halfWidth ? 32 : 64;
      basis = halfWidth ? "AVX-512 on 256-bit units: 2 FMA x 8 lanes x 2" : "AVX-512: 2 FMA units x 16 lanes x 2";
    } else if (flags.contains("avx2") && flags.contains("fma")) {
      fp32 = 32;
      basis = "AVX2: 2 FMA units x 8 lanes x 2";
    } else if (flags.contains("avx")) {
      fp32 = 16;
      basis = "AVX: 8-lane add + 8-lane multiply";
    } else {
      fp32 = 16;
      basis = "vector width unknown: 16 assumed";
    }
    int bf16 = flags.contains("amx_bf16") ? 1024 : flags.contains("avx512_bf16") ? 2 * fp32 : 0;
    return new CpuPeak(model, cores, ghz, fp32, basis
        + (bf16 == 1024 ? "; AMX tiles: 1,024 bfloat16 FLOP/cycle" : bf16 > 0 ? "; bfloat16 dot products: 2x" : ""),
        bf16);
  }

  /** One line: the CPU, its estimated peak and its basis. */
  public String describe() {
    return String.format(Locale.ROOT, "%s, %d cores at %.2f GHz, %d FLOP/cycle (%s): estimated fp32 peak %.0f GFLOP/s",
        model, cores, ghz, flopsPerCycle, basis, gflops());
  }

  private static String field(String info, String name, String fallback) {
    for (String line : info.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return fallback;
  }

  private static String read(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
