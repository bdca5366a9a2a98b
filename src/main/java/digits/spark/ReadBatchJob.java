package digits.spark;

import digits.predict.DigitRecognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the digits in many images with Apache Spark: one row per input (path, text, confidence, each digit's
 * confidence, uncertain, error), written as Parquet or CSV. Inputs are folders (walked), globs, single files, or
 * Parquet/CSV lists with a {@code path} column; every path must be readable from every executor. The model folder
 * is shipped with the job (zipped, unpacked on each executor) and loaded once per executor JVM.
 *
 * <p>The output is committed whole or not at all: the rows are written to a hidden folder beside the output and
 * moved into place when every task has succeeded, so a killed job leaves nothing under the output path; rows are
 * sorted by path, so a rerun gives the same rows.
 */
public final class ReadBatchJob {
  /** Output formats. */
  public enum Format { PARQUET, CSV }

  /**
   * @param inputs folders, globs, image files, or {@code .parquet}/{@code .csv} lists of paths
   * @param output the folder to create (Hadoop path: local, {@code hdfs://}, ...)
   * @param master Spark master URL ({@code local[*]} runs inside this JVM); null: spark-submit's, else
   *     {@code local[*]}
   * @param partitions how many tasks share the paths (0: Spark's default parallelism)
   * @param batchSize images per model call inside a task
   */
  public record Options(List<String> inputs, String output, String master, Format format, Path model,
      boolean overwrite, int partitions, int batchSize, digits.predict.ReadRequest request, double minConfidence,
      digits.inference.Precision precision) {
    public Options {
      if (inputs == null || inputs.isEmpty()) {
        throw new IllegalArgumentException("Expected at least one input");
      }
      java.util.Objects.requireNonNull(request, "request");
      java.util.Objects.requireNonNull(precision, "precision");
      if (partitions < 0 || batchSize < 1 || !(minConfidence >= 0 && minConfidence <= 1)) {
        throw new IllegalArgumentException("Expected partitions >= 0, batch size >= 1 and min confidence in "
            + "[0, 1]");
      }
    }
  }

  /** What the job did. */
  public record Summary(long rows, long errors, String master, int partitions, double seconds) {}

  /** The name the shipped model folder has on every executor ({@code SparkFiles.get}). */
  static final String MODEL_NAME = "digits-model";

  /** The files a folder contributes (a glob or a named file is taken as it is). */
  static final java.util.regex.Pattern IMAGE = java.util.regex.Pattern.compile(
      "(?i).*\\.(png|jpe?g|bmp|gif|tiff?)");

  static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("text", DataTypes.StringType, true)
      .add("confidence", DataTypes.FloatType, true)
      .add("digit_confidences", DataTypes.createArrayType(DataTypes.FloatType, false), true)
      .add("uncertain", DataTypes.BooleanType, true)
      .add("error", DataTypes.StringType, true);

  private ReadBatchJob() {}

  /**
   * Runs the job.
   *
   * @throws OutputExistsException when the output exists and {@code overwrite} is off (nothing is read)
   * @throws IOException when an input or the output cannot be reached
   */
  public static Summary run(Options options) throws IOException {
    long start = System.nanoTime();
    Configuration hadoop = hadoopConfiguration();
    org.apache.hadoop.fs.Path given = new org.apache.hadoop.fs.Path(options.output());
    FileSystem outFs = given.getFileSystem(hadoop);
    org.apache.hadoop.fs.Path output = outFs.makeQualified(given);
    if (outFs.exists(output) && !options.overwrite()) {
      throw new OutputExistsException(options.output());
    }
    org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(output.getParent(), "." + output.getName()
        + ".lock");
    try {
      outFs.create(lock, false).close(); // fails when the file is there: one job per output at a time
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new IOException(options.output() + ": another read-batch job is writing it (" + lock
          + " exists; delete it if no job is running)");
    }
    try {
      return run(options, hadoop, outFs, output, start);
    } finally {
      outFs.delete(lock, false);
    }
  }

  /**
   * Hadoop's settings: its own files, then every {@code spark.hadoop.*} setting given to Spark (spark-submit
   * {@code --conf}, or {@code -D} system properties), as Spark itself applies them.
   */
  static Configuration hadoopConfiguration() {
    Configuration hadoop = new Configuration();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("spark.hadoop.")) {
        hadoop.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
      }
    }
    return hadoop;
  }

  private static Summary run(Options options, Configuration hadoop, FileSystem outFs,
      org.apache.hadoop.fs.Path output, long start) throws IOException {
    digits.predict.Calibration calibration = digits.predict.ModelFolder.of(options.model()).calibration();
    String master = options.master() != null ? options.master()
        : System.getProperty("spark.master", "local[*]");
    Path archive = zip(options.model());
    SparkSession spark = SparkSession.builder().master(master).appName("digits read-batch")
        .config("spark.ui.enabled", "false")
        // a list of paths is small: left alone, adaptive execution would put it all in one task
        .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
        .config("spark.archives", archive.toUri() + "#" + MODEL_NAME)
        .getOrCreate();
    try {
      int partitions = options.partitions() > 0 ? options.partitions()
          : spark.sparkContext().defaultParallelism();
      // the shuffles here move paths, not images: as many tasks as readers, not Spark's default of 200
      spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
      Dataset<Row> paths = paths(spark, hadoop, options.inputs());
      // Sorted by path before the model runs (a range of paths per task, in order), so the rows come out sorted
      // without a sort after the reading, which would make Spark read every image twice (once to sample).
      Dataset<Row> ordered = paths.repartitionByRange(partitions, functions.col("path")).sortWithinPartitions("path");
      Dataset<Row> rows = ordered.mapPartitions(
          new ReadPartition(MODEL_NAME, calibration, options.batchSize(), options.request(),
              options.minConfidence(), options.precision()),
          org.apache.spark.sql.catalyst.encoders.ExpressionEncoder.apply(SCHEMA));
      if (options.format() == Format.CSV) {
        rows = rows.withColumn("digit_confidences", functions.array_join(
            functions.col("digit_confidences").cast("array<string>"), " "));
      }
      org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(output.getParent(),
          "." + output.getName() + ".writing-" + UUID.randomUUID());
      boolean keepStaging = false;
      try {
        var writer = rows.write().mode(SaveMode.ErrorIfExists);
        if (options.format() == Format.CSV) {
          writer.option("header", "true").csv(staging.toString());
        } else {
          writer.parquet(staging.toString());
        }
        commit(outFs, staging, output, options.overwrite());
      } catch (RowsKeptException e) {
        keepStaging = true;
        throw e;
      } finally {
        if (!keepStaging && outFs.exists(staging)) {
          outFs.delete(staging, true);
        }
      }
      Dataset<Row> written = options.format() == Format.CSV
          ? spark.read().option("header", "true").csv(output.toString()) : spark.read().parquet(output.toString());
      long total = written.count();
      long errors = written.filter(functions.col("error").isNotNull()).count();
      return new Summary(total, errors, master, partitions, (System.nanoTime() - start) / 1e9);
    } finally {
      spark.stop();
      java.nio.file.Files.deleteIfExists(archive);
      java.nio.file.Files.deleteIfExists(archive.getParent());
    }
  }

  /** Every input as paths: folders and globs through Spark's file listing, lists through their path column. */
  static Dataset<Row> paths(SparkSession spark, Configuration hadoop, List<String> inputs) throws IOException {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String input : inputs) {
      String lower = input.toLowerCase(Locale.ROOT);
      Dataset<Row> part;
      if (lower.endsWith(".csv") || lower.endsWith(".parquet")) {
        Dataset<Row> list = lower.endsWith(".csv") ? spark.read().option("header", "true").csv(input)
            : spark.read().parquet(input);
        if (!java.util.Arrays.asList(list.columns()).contains("path")) {
          throw new IOException(input + ": a list of images needs a column named path, found "
              + String.join(", ", list.columns()));
        }
        part = list.select(functions.col("path").cast("string").as("path")).na().drop();
      } else {
        part = spark.createDataset(listImages(hadoop, input), Encoders.STRING()).toDF("path");
      }
      parts.add(part);
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> p : parts.subList(1, parts.size())) {
      all = all.union(p);
    }
    return all.as(Encoders.STRING()).distinct().toDF("path");
  }

  /**
   * The image files of a folder (walked), a glob, or a single file, as qualified paths. Empty files are kept: each
   * gets an error row.
   */
  static List<String> listImages(Configuration hadoop, String input) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(input);
    FileSystem fs = p.getFileSystem(hadoop);
    org.apache.hadoop.fs.FileStatus[] matches = fs.globStatus(p);
    if (matches == null || matches.length == 0) {
      throw new java.io.FileNotFoundException(input + ": no such file or folder");
    }
    List<String> out = new ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus m : matches) {
      if (!m.isDirectory()) {
        out.add(m.getPath().toString());
        continue;
      }
      walk(fs, m.getPath(), out);
    }
    return out;
  }

  /**
   * The image files under {@code dir}, depth first. {@code listStatus}, not {@code listFiles}: on the local file
   * system the latter asks a shell for every file's permissions (about 4 ms a file).
   */
  private static void walk(FileSystem fs, org.apache.hadoop.fs.Path dir, List<String> out) throws IOException {
    org.apache.hadoop.fs.FileStatus[] entries = fs.listStatus(dir);
    java.util.Arrays.sort(entries);
    for (org.apache.hadoop.fs.FileStatus e : entries) {
      if (e.isDirectory()) {
        walk(fs, e.getPath(), out);
      } else if (IMAGE.matcher(e.getPath().getName()).matches()) {
        out.add(e.getPath().toString());
      }
    }
  }

  /**
   * The SavedModel folder (as {@value #SAVED_MODEL}) and its line model beside it, if any, as a zip in a temporary
   * folder (the job deletes both when it ends), for Spark to ship to every executor and unpack there.
   */
  static Path zip(Path savedModel) throws IOException {
    Path dir = java.nio.file.Files.createTempDirectory("digits-model");
    Path zip = dir.resolve(MODEL_NAME + ".zip");
    Path lineModel = savedModel.toAbsolutePath().normalize().resolveSibling(digits.predict.ModelFolder.LINE_MODEL);
    try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
      add(out, savedModel, SAVED_MODEL);
      if (java.nio.file.Files.isDirectory(lineModel)) {
        add(out, lineModel, digits.predict.ModelFolder.LINE_MODEL);
      }
    }
    return zip;
  }

  /** The model's folder inside the shipped archive; its line model, if any, lies beside it. */
  static final String SAVED_MODEL = digits.predict.ModelFolder.SAVED_MODEL;

  private static void add(java.util.zip.ZipOutputStream out, Path folder, String name) throws IOException {
    List<Path> files;
    try (var walk = java.nio.file.Files.walk(folder)) {
      files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String entry = name + "/" + folder.relativize(f).toString().replace(java.io.File.separatorChar, '/');
      out.putNextEntry(new java.util.zip.ZipEntry(entry));
      java.nio.file.Files.copy(f, out);
      out.closeEntry();
    }
  }

  /** Moves the finished rows into place; with {@code overwrite}, the old output goes only once the new is there. */
  static void commit(FileSystem fs, org.apache.hadoop.fs.Path staging, org.apache.hadoop.fs.Path output,
      boolean overwrite) throws IOException {
    org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(output.getParent(),
        "." + output.getName() + ".old-" + UUID.randomUUID());
    boolean replaced = false;
    if (fs.exists(output)) {
      if (!overwrite) {
        throw new OutputExistsException(output.toString());
      }
      if (!fs.rename(output, old)) {
        throw new IOException("cannot move the previous " + output + " aside");
      }
      replaced = true;
    }
    if (!fs.rename(staging, output)) {
      if (replaced && !fs.rename(old, output)) {
        throw new RowsKeptException("cannot move the finished rows to " + output + ", nor the previous output back: "
            + "the previous output is " + old + ", the new rows are " + staging);
      }
      throw new IOException("cannot move the finished rows to " + output
          + (replaced ? " (the previous output is back in place)" : ""));
    }
    if (replaced) {
      fs.delete(old, true);
    }
  }

  /** Neither the new rows nor the previous output could be put in place: both are kept, where the message says. */
  static final class RowsKeptException extends IOException {
    private static final long serialVersionUID = 1L;

    RowsKeptException(String message) {
      super(message);
    }
  }

  /** The output folder exists and the job was not asked to overwrite it. */
  public static final class OutputExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    OutputExistsException(String output) {
      super(output + " already exists; choose another --output or add --overwrite");
    }
  }
}
