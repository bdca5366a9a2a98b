package digits.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code digits bench}: speed and accuracy figures, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (not tests): pipeline, train.",
    subcommands = {BenchPipelineCommand.class, BenchTrainCommand.class, BenchPredictCommand.class,
        BenchMemoryCommand.class, BenchServeCommand.class, BenchTableCommand.class, BenchStepCommand.class,
        BenchScansCommand.class, BenchReadCommand.class})
final class BenchCommand {
  /** The CPU's estimated fp32 peak and the share of it that training at {@code imagesPerSecond} reaches. */
  static void printPeakShare(PrintWriter out, long flopsPerImage, double imagesPerSecond,
      digits.inference.Precision precision) {
    digits.bench.CpuPeak peak = digits.bench.CpuPeak.detect();
    double flops = flopsPerImage * imagesPerSecond;
    out.printf("CPU: %s%n", peak.describe());
    out.printf("Precision: %s%s%n", precision.describe(), precision.resolve() == digits.inference.Precision.MIXED_BFLOAT16
        ? "; bfloat16 dot products run at up to twice the fp32 rate, so the share below can pass 100%" : "");
    out.printf("Training: %.1f MFLOP per image (3 x the forward pass's convolutions and dense layers) x %,.0f img/s = "
        + "%.0f GFLOP/s, %.0f%% of the estimated fp32 peak%n", flopsPerImage / 1e6, imagesPerSecond, flops / 1e9,
        100 * peak.share(flops));
  }

}
