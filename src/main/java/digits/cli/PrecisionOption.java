package digits.cli;

import digits.inference.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}, for the commands that read images with a model. */
final class PrecisionOption {
  @Option(names = "--precision", defaultValue = "auto", paramLabel = "P",
      description = "What the models compute in: auto (mixed bfloat16 where this CPU computes it natively, else "
          + "float32), float32 or mixed_bfloat16 (default: ${DEFAULT-VALUE}).")
  Precision value;
}
