package digits.cli;

import digits.spark.ReadBatchJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reads many images on Apache Spark: inside this JVM by default, on a cluster with --master. */
@Command(name = "read-batch", mixinStandardHelpOptions = true,
    description = "Read the digits in many images with Apache Spark and write one row per image (path, text, "
        + "confidence, digit_confidences, uncertain, error) as Parquet or CSV. Runs Spark inside this program "
        + "(local[*]) unless --master names a cluster.")
final class ReadBatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Folders (walked), globs ('scans/*.png'), image files, or .parquet/.csv lists with a path column; "
          + "local paths or any URI Hadoop reads (hdfs://...).")
  List<String> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Folder to create with the rows (refused if it exists, unless --overwrite).")
  String output;

  @Option(names = "--overwrite", description = "Replace the output folder (once the new rows are complete).")
  boolean overwrite;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|csv",
      description = "Output format (default: ${DEFAULT-VALUE}; CSV lists digit confidences space-separated).")
  String format;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[N] inside this JVM, spark://host:7077 for a standalone cluster (default: "
          + "spark-submit's --master, else local[*]).")
  String master;

  @Mixin ReaderModelOption model;

  @Mixin PrecisionOption precision;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
      description = "Tasks that share the images (default: Spark's parallelism, the cores).")
  int partitions;

  @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N",
      description = "Images per model call inside a task (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin ReadingOptions reading;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    ReadBatchJob.Format fmt;
    try {
      fmt = ReadBatchJob.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format: expected parquet or csv, received " + format);
    }
    reading.check();
    if (partitions < 0 || batchSize < 1) {
      throw new UsageException("Expected --partitions >= 0 and --batch-size >= 1");
    }
    for (String input : inputs) {
      boolean local = !input.contains("://") && !input.startsWith("file:");
      if (local && !input.contains("*") && !input.contains("?") && !Files.exists(Path.of(input))) {
        throw new UsageException(input + ": no such file or folder");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    Path modelDir = model.choose(spec.commandLine().getErr());
    ReadBatchJob.Options options = new ReadBatchJob.Options(inputs, output, master, fmt, modelDir, overwrite,
        partitions, batchSize, reading.request(), reading.minConfidence, precision.value);
    ReadBatchJob.Summary s;
    try {
      s = ReadBatchJob.run(options);
    } catch (ReadBatchJob.OutputExistsException e) {
      throw new UsageException(e.getMessage());
    }
    out.printf(Locale.ROOT, "Read %,d images (%,d errors) in %.1f s (%,.0f files/s) on %s, %d partitions: %s (%s)%n",
        s.rows(), s.errors(), s.seconds(), s.rows() / s.seconds(), s.master(), s.partitions(), output,
        fmt.name().toLowerCase(Locale.ROOT));
    return 0;
  }
}
