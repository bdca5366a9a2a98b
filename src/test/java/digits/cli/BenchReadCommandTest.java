package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.Handwriting;
import digits.predict.ShippedReader;
import digits.predict.ShortMnistModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReadCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path devset;

  @BeforeEach
  void setUp() throws IOException {
    devset = Files.createDirectories(tmp.resolve("devset"));
    ImageIO.write(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), "png", devset.resolve("a.png").toFile());
    ImageIO.write(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), "png", devset.resolve("b.png").toFile());
    Files.writeString(devset.resolve("labels.csv"), "path,text,category,part\na.png,7,drawn,tuning\n"
        + "b.png,90210,drawn-zip,tuning\n");
  }

  private int benchRead(Path model, String... more) {
    String[] args = {"bench", "read", "-m", model.toString(), "--devset", devset.toString(), "--part", "tuning",
        "--mnist", "0", "--output", tmp.resolve("out").toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path copyOfModel(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Path from = ShortMnistModel.savedModel();
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve("saved_model").resolve(from.relativize(f).toString()));
      }
    }
    return dir;
  }

  @Test
  void recordsTheCalibrationOfARunButNeverRewritesAChecksummedReader() throws IOException {
    Path run = copyOfModel("run");
    assertEquals(0, benchRead(run), err.toString());
    assertTrue(Files.isRegularFile(run.resolve("reading.properties")), out.toString());
    assertTrue(out.toString().contains("cand/file"), out.toString());

    Path shipped = copyOfModel("shipped");
    Files.writeString(shipped.resolve(ShippedReader.SUMS), "checksums of the files\n");
    assertEquals(0, benchRead(shipped), err.toString());
    assertFalse(Files.exists(shipped.resolve("reading.properties")), "a shipped reader's files stay as shipped");
    assertTrue(out.toString().contains("not recorded in " + shipped), out.toString());
  }

  @Test
  void readsEveryCategoryInTurnWithFloat32WhenAsked() throws IOException {
    Path run = copyOfModel("run");
    assertEquals(0, benchRead(run, "--precision", "float32", "--against-float32"), err.toString());
    for (String category : new String[] {"drawn ", "drawn-zip "}) {
      assertTrue(out.toString().matches("(?s).*tuning +" + category + " *float32 in turn: \\d+ files/s, float32 "
          + "\\(the same again\\) [0-9.]+x as fast; 0 of 1 answers differ.*"), out.toString());
    }
    assertTrue(out.toString().contains("files/s: after " + digits.devset.ReadBenchmark.WARM_UP
        + " images of each category read untimed"), out.toString());
  }
}
