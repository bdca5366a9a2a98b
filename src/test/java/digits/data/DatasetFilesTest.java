package digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void findsLeCunAndKaggleNamesRawOrGzip(boolean gzip, boolean kaggle) throws IOException {
    Fixtures.writeDataset(dir, 30, 10, gzip, kaggle);
    DatasetFiles.Located located = DatasetFiles.locate(dir);
    assertTrue(located.complete());
    String name = located.files().trainImages().getFileName().toString();
    assertEquals(kaggle, name.contains(".idx3"), name);
    assertEquals(gzip, name.endsWith(".gz"), name);
    Datasets.Loaded loaded = Datasets.load(dir.toString(), dir, new PrintWriter(new StringWriter()));
    assertEquals(30, loaded.train().size());
    assertEquals(10, loaded.test().size());
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Fixtures.writeDataset(dir, 30, 10, false, false);
    // A gzip file without .gz and a raw file with .gz both read fine.
    Path images = dir.resolve("t10k-images-idx3-ubyte");
    Idx.write(images, Idx.read(images), true);
    Files.move(dir.resolve("t10k-labels-idx1-ubyte"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertEquals(10, Datasets.load(dir.toString(), dir, new PrintWriter(new StringWriter())).test().size());
  }

  @Test
  void namesTheMissingFiles() throws IOException {
    Fixtures.writeDataset(dir, 30, 10, false, false);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    DatasetFiles.Located located = DatasetFiles.locate(dir);
    assertFalse(located.complete());
    assertEquals(List.of(DatasetFiles.Part.TEST_LABELS), located.missing());
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> Datasets.load(dir.toString(), dir, new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("missing t10k-labels-idx1-ubyte[.gz]"), e.getMessage());
  }
}
