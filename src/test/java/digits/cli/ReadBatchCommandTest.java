package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.ShortMnistModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read-batch's usage errors: one line, exit code 2, before Spark starts and before anything is written. */
class ReadBatchCommandTest {
  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
  }

  @Test
  void aMissingInputAnUnknownFormatAndAnExistingOutputAreUsageErrors() throws Exception {
    String model = ShortMnistModel.savedModel().toString();
    assertEquals(2, run("read-batch", tmp.resolve("nowhere").toString(), "--output", tmp.resolve("o").toString(),
        "--model", model));
    assertTrue(err.toString().contains("nowhere: no such file or folder"), err.toString());

    Path images = Files.createDirectories(tmp.resolve("images"));
    assertEquals(2, run("read-batch", images.toString(), "--output", tmp.resolve("o").toString(), "--format", "xml",
        "--model", model));
    assertTrue(err.toString().contains("--format: expected parquet or csv, received xml"), err.toString());

    Path existing = Files.createDirectories(tmp.resolve("done"));
    Path kept = Files.writeString(existing.resolve("part-0.csv"), "path,text\n");
    assertEquals(2, run("read-batch", images.toString(), "--output", existing.toString(), "--model", model));
    assertTrue(err.toString().contains("already exists; choose another --output or add --overwrite"), err.toString());
    assertEquals("path,text\n", Files.readString(kept), "the existing output is left as it was");
  }
}
