package digits.cli;

import digits.predict.Calibration;
import digits.predict.ReadRequest;
import picocli.CommandLine.Option;

/** How images are read, for the commands that read them (predict, read-batch). */
final class ReadingOptions {
  @Option(names = "--single", description = "Each image holds one digit: do not segment.")
  boolean single;

  @Option(names = "--expect-length", paramLabel = "N", defaultValue = "0",
      description = "Number of digits per image when known (a zip code's 5).")
  int expectLength;

  @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "" + Calibration.CERTAIN,
      description = "Answers below this confidence are marked uncertain: a '?' after the text, \"uncertain\": true "
          + "in JSON, a column in CSV and Parquet (default: ${DEFAULT-VALUE}: a calibrated model's answers at or "
          + "above it are right 99.5%% of the time; 0 marks none).")
  double minConfidence;

  /** Refuses values out of range, naming the option. */
  void check() throws UsageException {
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new UsageException("--min-confidence: expected a probability in [0, 1], received " + minConfidence);
    }
    if (expectLength < 0) {
      throw new UsageException("--expect-length: expected a count >= 0, received " + expectLength);
    }
    if (single && expectLength > 0) {
      throw new UsageException("--expect-length: a --single image holds one digit; drop one of the two options");
    }
  }

  /** How each image is to be read. */
  ReadRequest request() {
    return ReadRequest.of(single, expectLength);
  }
}
