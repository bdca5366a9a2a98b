package digits.cli;

import digits.predict.ReadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through injected writers: output, exit codes, one-line errors, files written. */
class MainTest {
  @TempDir Path tmp;
  private Path data;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void dataset() throws IOException {
    data = Fixtures.writeDataset(Files.createDirectories(tmp.resolve("blocks")), 300, 100, true, false);
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int train(String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--profile", "smoke", "--dataset", data.toString(),
        "--runs-dir", tmp.resolve("runs").toString(), "--quiet"));
    args.addAll(List.of(extra));
    return run(args.toArray(new String[0]));
  }

  private List<String> errorLines() {
    return err.toString().lines().filter(l -> l.startsWith("digits:")).toList();
  }

  @Test
  void trainWritesEveryOutputAndPrintsTheResult() throws IOException {
    assertEquals(0, train("--run-name", "r1", "--set", "epochs=2"), err.toString());
    Path run = tmp.resolve("runs/r1");
    for (String f : List.of("config.properties", "metrics.csv", "summary.properties", "summary.json",
        "saved_model/saved_model.pb")) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
    String summary = Files.readString(run.resolve("summary.properties"));
    assertTrue(summary.contains("test_accuracy = "), summary);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertTrue(json.get("test_accuracy").isDouble() && json.get("epochs_run").asInt() == 2, json.toString());
    String config = Files.readString(run.resolve("config.properties"));
    assertTrue(config.contains("epochs = 2") && config.contains("architecture = conv(8,3,relu)"), config);
    String o = out.toString();
    assertTrue(o.contains("Total params: 13,610"), o);
    assertTrue(o.contains("Test accuracy: "), o);
    assertTrue(o.contains("Outputs: " + run), o);
  }

  @Test
  void searchPiecesTrainTheNonDigitOutput() throws IOException {
    assertEquals(0, train("--run-name", "pieces", "--set", "augment.non_digits=0.1", "--set", "search_pieces=200",
        "--set", "architecture=conv(8,3,relu) pool(2) flatten dense(11)"), err.toString());
    Path run = tmp.resolve("runs/pieces");
    assertTrue(Files.readString(run.resolve("config.properties")).contains("search_pieces = 200"));
    try (var model = digits.inference.SavedModelClassifier.load(run.resolve("saved_model"))) {
      assertTrue(model.hasNonDigitClass(), "the exported model says when a piece is not one digit");
    }
  }

  @Test
  void lineStepsTrainALineModelThatTheReaderUses() throws Exception {
    assertEquals(0, train("--run-name", "lines", "--set", "line_steps=10"), err.toString());
    Path run = tmp.resolve("runs/lines");
    assertTrue(err.toString().contains("Line model step 10/10: loss "), err.toString());
    assertTrue(Files.isRegularFile(run.resolve("line_model/saved_model.pb")));
    try (var reader = digits.predict.DigitRecognizer.load(run.resolve("saved_model"))) {
      assertTrue(reader.hasLineModel());
      var image = new java.awt.image.BufferedImage(60, 30, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      var g = image.createGraphics();
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, 60, 30);
      g.setColor(java.awt.Color.BLACK);
      g.fillRect(10, 5, 4, 20);
      g.fillRect(40, 5, 4, 20);
      g.dispose();
      String text = reader.read(image, ReadRequest.LINE).text();
      assertTrue(text.matches("[0-9]{1,2}"), text);
    }
    Files.delete(run.resolve("line_model/saved_model.pb"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(digits.inference.InvalidModelException.class,
        () -> digits.predict.DigitRecognizer.load(run.resolve("saved_model")));
    assertEquals(run.resolve("line_model").toAbsolutePath().normalize()
        + ": is not a SavedModel (no saved_model.pb in it)", e.getMessage());
  }

  @Test
  void badSettingsAreUsageErrorsOnOneLine() {
    assertEquals(2, train("--set", "epochs=many"));
    assertEquals(List.of("digits: error: Setting epochs: expected an integer, received 'many'"), errorLines());
    err.getBuffer().setLength(0);
    assertEquals(2, train("--set", "architecture=conv(8,3) fancy(2) flatten dense(10)"));
    assertEquals(1, errorLines().size());
    assertTrue(errorLines().get(0).contains("unknown layer 'fancy'"), err.toString());
    err.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertEquals(2, run("train", "--profile", "no-such-profile", "--dataset", data.toString()));
    assertTrue(errorLines().get(0).contains("Profile 'no-such-profile' not found"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("train", "--no-such-option"));
    assertEquals(List.of("digits: error: Unknown option: '--no-such-option'",
        "digits: try 'digits train --help'"), errorLines());
  }

  @Test
  void aCorruptDataFileIsARuntimeErrorNamingTheFile() throws IOException {
    Path labels = data.resolve("train-labels-idx1-ubyte.gz");
    byte[] bytes = Files.readAllBytes(labels);
    Files.write(labels, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertEquals(1, train("--run-name", "broken"));
    assertEquals(1, errorLines().size(), err.toString());
    assertTrue(errorLines().get(0).contains(labels.toString()), err.toString());
    assertFalse(Files.exists(tmp.resolve("runs/broken")), "nothing written for a run that could not start");
  }

  @Test
  void anExistingRunFolderIsNeverOverwritten() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("runs/keep"));
    Files.writeString(run.resolve("metrics.csv"), "precious");
    assertEquals(2, train("--run-name", "keep"));
    assertTrue(errorLines().get(0).contains("already exists"), err.toString());
    assertEquals("precious", Files.readString(run.resolve("metrics.csv")));
  }

  @Test
  void inspectPrintsCountsPerSplitAndWritesASampleGrid() throws IOException {
    Path output = tmp.resolve("inspect");
    assertEquals(0, run("inspect", "--dataset", data.toString(), "--output", output.toString()), err.toString());
    String o = out.toString();
    assertTrue(o.contains("Images 28x28, 10 classes"), o);
    assertTrue(o.lines().anyMatch(l -> l.matches("0\\s+27\\s+3\\s+10")), o);
    assertTrue(o.lines().anyMatch(l -> l.matches("total\\s+270\\s+30\\s+100")), o);
    Path png = output.resolve("samples-blocks.png");
    var image = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(10 * (28 * 3 + 4) + 4, image.getWidth());
  }

  @Test
  void fetchReportsAFolderThatIsNotADataset() {
    assertEquals(1, run("fetch", "--dataset", tmp.resolve("nowhere").toString()));
    assertEquals(1, errorLines().size());
    assertTrue(errorLines().get(0).contains("is neither a known dataset"), err.toString());
  }

  @Test
  void helpListsTheCommands() {
    assertEquals(0, run("--help"));
    for (String c : List.of("fetch", "inspect", "train")) {
      assertTrue(out.toString().contains(c), out.toString());
    }
  }
}
