package digits.bench;

import digits.data.LabeledImages;
import digits.predict.DigitRecognizer;
import digits.predict.ModelWork;
import digits.predict.ImageToRead;
import digits.predict.ReadRequest;
import digits.predict.ReadResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Reading speed: MNIST test digits turned into 112x112 PNG scans, read one at a time (latency), as a folder of
 * files one at a time on one thread (decode, segment, preprocess, model), and as a folder read in batches
 * ({@link DigitRecognizer#readAll}: decoded and prepared on all cores, scored in shared model calls).
 */
public final class PredictBenchmark {
  /** What was measured. */
  public record Result(int images, double medianMs, double p99Ms, double accuracy, int files, double filesPerSecond,
      int batchSize, double batchedFilesPerSecond, double batchedAccuracy, ModelWork batchedWork) {}

  private PredictBenchmark() {}

  /**
   * Reads the first {@code n} test images with {@code recognizer}: each folder pass reads the files as lines of
   * digits, or as one digit each, as {@code request} says.
   */
  public static Result run(DigitRecognizer recognizer, LabeledImages test, int n, int batchSize,
      ReadRequest request)
      throws IOException {
    Path folder = Files.createTempDirectory("digits-bench-predict");
    try {
      List<BufferedImage> scans = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BufferedImage scan = scan(test, i);
        scans.add(scan);
        ImageIO.write(scan, "png", folder.resolve(String.format("%05d.png", i)).toFile());
      }
      for (int i = 0; i < Math.min(200, n); i++) {
        recognizer.read(scans.get(i), ReadRequest.ONE_DIGIT); // warm-up
      }
      long[] nanos = new long[n];
      int correct = 0;
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        int digit = recognizer.read(scans.get(i), ReadRequest.ONE_DIGIT).digits().get(0).digit();
        nanos[i] = System.nanoTime() - t;
        correct += digit == test.label(i) ? 1 : 0;
      }
      Arrays.sort(nanos);
      long start = System.nanoTime();
      List<Path> files;
      try (var list = Files.list(folder)) {
        files = list.sorted().toList();
      }
      for (Path f : files) {
        recognizer.read(ImageIO.read(f.toFile()), request);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ModelWork before = recognizer.work();
      start = System.nanoTime();
      int batchedCorrect = 0;
      for (int from = 0; from < files.size(); from += batchSize) {
        List<ReadResult> read = recognizer.readAll(files.subList(from, Math.min(files.size(), from + batchSize))
            .stream().map(f -> ImageToRead.of(f, request)).toList());
        for (int i = 0; i < read.size(); i++) {
          batchedCorrect += read.get(i).ok()
              && read.get(i).reading().text().equals(String.valueOf(test.label(from + i))) ? 1 : 0;
        }
      }
      double batchedSeconds = (System.nanoTime() - start) / 1e9;
      return new Result(n, nanos[n / 2] / 1e6, nanos[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
          (double) correct / n, files.size(), files.size() / seconds, batchSize, files.size() / batchedSeconds,
          (double) batchedCorrect / files.size(), recognizer.work().since(before));
    } finally {
      digits.io.AtomicFiles.deleteTree(folder);
    }
  }

  /** MNIST image {@code i} as a 112x112 scan: dark ink on white paper, enlarged 4 times. */
  public static BufferedImage scan(LabeledImages data, int i) {
    var image = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 112; y++) {
      for (int x = 0; x < 112; x++) {
        int v = data.pixels()[i * 784 + (y / 4) * 28 + x / 4] & 0xFF;
        image.getRaster().setSample(x, y, 0, 255 - v);
      }
    }
    return image;
  }
}
