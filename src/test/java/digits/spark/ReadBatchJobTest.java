package digits.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.DigitRecognizer;
import digits.predict.Handwriting;
import digits.predict.ShortMnistModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read-batch on Spark local[2], against what predict reads from the same files. */
class ReadBatchJobTest {
  @TempDir static Path dir;
  private static Path images;
  private static List<Path> pngs = new ArrayList<>();

  @BeforeAll
  static void images() throws IOException {
    images = Files.createDirectories(dir.resolve("images/nested"));
    Random random = new Random(16);
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      for (int d = 1 + random.nextInt(4); d > 0; d--) {
        text.append(random.nextInt(10));
      }
      Path f = images.resolve(String.format("%03d.png", i));
      ImageIO.write(Handwriting.draw(text.toString(), Handwriting.Style.PLAIN, 0.2 + 0.3 * random.nextDouble()),
          "png", f.toFile());
      pngs.add(f);
    }
    Files.write(images.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    Files.write(images.resolve("empty.jpg"), new byte[0]);
    Files.writeString(images.resolve("notes.txt"), "not an image: left out of a folder's listing");
  }

  private static ReadBatchJob.Options options(Path output, ReadBatchJob.Format format, boolean overwrite)
      throws IOException {
    return new ReadBatchJob.Options(List.of(dir.resolve("images").toString()), output.toString(), "local[2]",
        format, ShortMnistModel.savedModel(), overwrite, 2, 32, digits.predict.ReadRequest.LINE, 0.9,
        digits.inference.Precision.FLOAT32);
  }

  private static Map<String, CSVRecord> rows(Path output) throws IOException {
    Map<String, CSVRecord> rows = new HashMap<>();
    try (Stream<Path> parts = Files.list(output)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        try (Reader in = Files.newBufferedReader(part)) {
          for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            rows.put(Path.of(java.net.URI.create(r.get("path"))).getFileName().toString(), r);
          }
        }
      }
    }
    return rows;
  }

  @Test
  void localSparkReadsExactlyWhatPredictReadsAndGivesBadFilesAnErrorRow() throws Exception {
    Path output = dir.resolve("out-csv");
    ReadBatchJob.Summary summary = ReadBatchJob.run(options(output, ReadBatchJob.Format.CSV, false));
    assertEquals(202, summary.rows(), "200 images, a corrupt and an empty file; the .txt is not listed");
    assertEquals(2, summary.errors());
    assertEquals(2, summary.partitions());
    Map<String, CSVRecord> rows = rows(output);
    assertEquals(202, rows.size());
    try (DigitRecognizer predict = DigitRecognizer.load(ShortMnistModel.savedModel())) {
      List<digits.predict.ReadResult> expected = predict.readAll(pngs.stream()
          .map(f -> digits.predict.ImageToRead.of(f, digits.predict.ReadRequest.LINE)).toList());
      for (int i = 0; i < pngs.size(); i++) {
        CSVRecord row = rows.get(pngs.get(i).getFileName().toString());
        assertNotNull(row, pngs.get(i).toString());
        assertTrue(expected.get(i).ok());
        assertEquals(expected.get(i).reading().text(), row.get("text"), pngs.get(i).toString());
        assertEquals(expected.get(i).reading().confidence(), Float.parseFloat(row.get("confidence")), 1e-6);
        assertEquals(expected.get(i).reading().text().length(), row.get("digit_confidences").split(" ").length);
        assertEquals(expected.get(i).reading().uncertain(0.9), Boolean.parseBoolean(row.get("uncertain")));
        assertTrue(row.get("error").isEmpty());
      }
    }
    for (String bad : List.of("corrupt.png", "empty.jpg")) {
      CSVRecord row = rows.get(bad);
      assertTrue(row.get("text").isEmpty(), bad);
      assertTrue(row.get("error").contains(bad), "the error names the file: " + row.get("error"));
    }
    try (Stream<Path> beside = Files.list(dir)) {
      assertFalse(beside.anyMatch(p -> p.getFileName().toString().contains(".writing-")),
          "no staging folder left beside the output");
    }
  }

  @Test
  void anExistingOutputIsRefusedUnlessOverwriteAndThenReplacedWhole() throws Exception {
    Path output = dir.resolve("out-parquet");
    ReadBatchJob.run(options(output, ReadBatchJob.Format.PARQUET, false));
    Path marker = Files.writeString(output.resolve("kept-if-refused.txt"), "x");
    IOException refused = assertThrows(ReadBatchJob.OutputExistsException.class,
        () -> ReadBatchJob.run(options(output, ReadBatchJob.Format.PARQUET, false)));
    assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
    assertTrue(Files.exists(marker), "a refused run leaves the output as it was");
    ReadBatchJob.Summary again = ReadBatchJob.run(options(output, ReadBatchJob.Format.PARQUET, true));
    assertEquals(202, again.rows());
    assertFalse(Files.exists(marker), "--overwrite replaces the folder whole");
    try (Stream<Path> parts = Files.list(output)) {
      assertTrue(parts.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")));
    }
  }

  @Test
  void aSecondJobOnTheSameOutputIsRefusedAndHadoopTakesSparksSettings() throws Exception {
    Path output = dir.resolve("locked");
    Path lock = Files.writeString(dir.resolve(".locked.lock"), "");
    IOException refused = assertThrows(IOException.class,
        () -> ReadBatchJob.run(options(output, ReadBatchJob.Format.CSV, false)));
    assertTrue(refused.getMessage().contains("another read-batch job is writing it"), refused.getMessage());
    assertFalse(Files.exists(output));
    assertTrue(Files.exists(lock), "the other job's lock is left alone");
    System.setProperty("spark.hadoop.digits.test.setting", "yes");
    try {
      assertEquals("yes", ReadBatchJob.hadoopConfiguration().get("digits.test.setting"));
    } finally {
      System.clearProperty("spark.hadoop.digits.test.setting");
    }
  }
}
