package digits.train;

import digits.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code metrics.csv} after every epoch (the whole file, atomically, so a reader never sees half a row).
 * Columns: {@link #HEADER}, named and numbered as Keras' {@code CSVLogger} writes them (epochs from 0), so the
 * file compares directly with a Keras run's; the timing columns are extra. Empty cells where there is no
 * validation split.
 */
public final class MetricsCsv implements TrainingListener {
  public static final String[] HEADER = {"epoch", "accuracy", "loss", "val_accuracy", "val_loss", "learning_rate",
      "epoch_seconds", "images_per_second"};

  private final Path file;
  private final List<EpochMetrics> rows = new ArrayList<>();

  public MetricsCsv(Path file) {
    this(file, List.of());
  }

  /** A writer that continues after {@code earlier} rows (a resumed run). */
  public MetricsCsv(Path file, List<EpochMetrics> earlier) {
    this.file = file;
    this.rows.addAll(earlier);
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    rows.add(m);
    try {
      write(file, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code rows} to {@code file} atomically. */
  public static void write(Path file, List<EpochMetrics> rows) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
      for (EpochMetrics m : rows) {
        csv.printRecord(m.epoch() - 1, fmt(m.trainAccuracy()), fmt(m.trainLoss()), fmt(m.validationAccuracy()),
            fmt(m.validationLoss()), fmt(m.learningRate()), String.format(java.util.Locale.ROOT, "%.3f", m.epochSeconds()),
            String.format(java.util.Locale.ROOT, "%.1f", m.imagesPerSecond()));
      }
      csv.flush();
    });
  }

  /** Reads a file written by {@link #write}; empty cells become NaN. */
  public static List<EpochMetrics> read(Path file) throws IOException {
    List<EpochMetrics> rows = new ArrayList<>();
    try (var in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (var r : csv) {
        try {
          // files of earlier versions: train_loss and train_accuracy, epochs from 1
          boolean old = r.isMapped("train_loss");
          rows.add(new EpochMetrics(Integer.parseInt(r.get("epoch")) + (old ? 0 : 1),
              num(r.get(old ? "train_loss" : "loss")), num(r.get(old ? "train_accuracy" : "accuracy")),
              num(r.get("val_loss")), num(r.get("val_accuracy")), num(r.get("learning_rate")),
              num(r.get("epoch_seconds")), num(r.get("images_per_second"))));
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new digits.data.InvalidDataException(file, "row " + r.getRecordNumber() + ": " + e.getMessage());
        }
      }
    }
    return rows;
  }

  private static double num(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
