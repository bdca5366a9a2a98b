package digits.spark;

import digits.predict.DigitRecognizer;
import digits.predict.ImageToRead;
import digits.predict.NumberReading;
import digits.predict.Prediction;
import digits.predict.ReadRequest;
import digits.predict.ReadResult;
import digits.predict.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What each task does with its share of the paths: reads the files (any file system Hadoop knows: local, HDFS,
 * S3 with its connector), and reads their digits in batches with the executor's one model ({@link ExecutorModel}).
 * Every path gives one row; a file that cannot be read or holds no digit gives a row with its error, never a
 * failed task.
 */
final class ReadPartition implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;
  /** Files above this size are refused unread (a read-batch input is an image, not an archive). */
  private static final long MAX_FILE_BYTES = 64L << 20;

  private final String modelName;
  private final digits.predict.Calibration calibration;
  private final int batchSize;
  private final ReadRequest request;
  private final digits.inference.Precision precision;
  private final double minConfidence;

  /**
   * @param modelName the model folder's name among the job's shipped files ({@code SparkContext.addArchive})
   */
  ReadPartition(String modelName, digits.predict.Calibration calibration, int batchSize, ReadRequest request,
      double minConfidence, digits.inference.Precision precision) {
    this.modelName = modelName;
    this.calibration = calibration;
    this.batchSize = batchSize;
    this.request = request;
    this.precision = precision;
    this.minConfidence = minConfidence;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> paths) throws Exception {
    DigitRecognizer recognizer = ExecutorModel.get(Path.of(SparkFiles.get(modelName))
        .resolve(ReadBatchJob.SAVED_MODEL), calibration, precision);
    Configuration hadoop = new Configuration();
    return new Iterator<>() {
      private final List<Row> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        List<String> batch = new ArrayList<>();
        while (paths.hasNext() && batch.size() < batchSize) {
          batch.add(paths.next().getString(0));
        }
        if (batch.isEmpty()) {
          return false;
        }
        ready.addAll(read(recognizer, hadoop, batch));
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return ready.get(next++);
      }
    };
  }

  private List<Row> read(DigitRecognizer recognizer, Configuration hadoop, List<String> paths) {
    List<ImageToRead> requests = new ArrayList<>();
    List<Integer> requested = new ArrayList<>();
    String[] errors = new String[paths.size()];
    for (int i = 0; i < paths.size(); i++) {
      try {
        BufferedImage image = ImageFiles.decode(bytes(hadoop, paths.get(i)), paths.get(i));
        requests.add(ImageToRead.of(image, request));
        requested.add(i);
      } catch (IOException e) {
        errors[i] = e.getMessage() == null ? e.toString() : e.getMessage();
      } catch (RuntimeException e) {
        errors[i] = "internal error: " + e; // one bad image is one error row, never a failed task
      }
    }
    List<ReadResult> results = recognizer.readAll(requests);
    NumberReading[] readings = new NumberReading[paths.size()];
    for (int k = 0; k < results.size(); k++) {
      int i = requested.get(k);
      if (results.get(k).ok()) {
        readings[i] = results.get(k).reading();
      } else {
        errors[i] = results.get(k).error();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      NumberReading r = readings[i];
      if (r == null) {
        rows.add(RowFactory.create(paths.get(i), null, null, null, null, errors[i]));
        continue;
      }
      float[] each = new float[r.digits().size()];
      for (int d = 0; d < each.length; d++) {
        Prediction p = r.digits().get(d);
        each[d] = p.confidence();
      }
      rows.add(RowFactory.create(paths.get(i), r.text(), r.confidence(), boxed(each), r.uncertain(minConfidence),
          null));
    }
    return rows;
  }

  private static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static byte[] bytes(Configuration hadoop, String path) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = p.getFileSystem(hadoop);
    long length = fs.getFileStatus(p).getLen();
    if (length > MAX_FILE_BYTES) {
      throw new IOException(path + ": " + length + " bytes, over the limit of " + MAX_FILE_BYTES);
    }
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }
}
