package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.DatasetFiles;
import digits.data.Fixtures;
import digits.data.Idx;
import digits.data.IdxArray;
import digits.data.Normalization;
import digits.export.SavedModelExport;
import digits.model.Architecture;
import digits.model.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path tmp;
  private Path data;
  private Path model;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws IOException {
    data = Fixtures.writeDataset(Files.createDirectories(tmp.resolve("blocks")), 50, 60, false, false);
    Network n = new Network(Architecture.parse("flatten dense(10)"), 28, 28, 10, Normalization.UNIT);
    model = tmp.resolve("model");
    SavedModelExport.export(n, n.initialWeights(3), model);
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void printsTheReportAndWritesTheFiles() {
    Path output = tmp.resolve("eval");
    assertEquals(0, run("evaluate", "--model", model.toString(), "--dataset", data.toString(), "--output",
        output.toString()), err.toString());
    String o = out.toString();
    assertTrue(o.contains("accuracy") && o.contains("weighted avg") && o.contains("Most confused"), o);
    for (String f : List.of("confusion_matrix.csv", "per_class.csv", "confusion_matrix.png", "predictions.png",
        "mistakes.png", "report.html")) {
      assertTrue(Files.isRegularFile(output.resolve(f)), f);
    }
  }

  @Test
  void jsonAndEnsemble() {
    assertEquals(0, run("evaluate", "-m", model.toString(), "-m", model.toString(), "--dataset", data.toString(),
        "--output", tmp.resolve("e").toString(), "--json"), err.toString());
    String json = out.toString().strip();
    assertTrue(json.startsWith("{\"model\":\"ensemble of 2\",\"images\":60,"), json);
    assertEquals(2, json.split("\"model\":").length - 2, "two members: " + json);
  }

  @Test
  void aFolderThatIsNotAModelIsOneLineAndExit1() {
    assertEquals(1, run("evaluate", "--model", data.toString(), "--dataset", data.toString()));
    List<String> lines = err.toString().lines().filter(l -> l.startsWith("digits:")).toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).contains(data + ": is not a SavedModel"), err.toString());
  }

  @Test
  void aDatasetOfAnotherImageSizeIsAUsageError() throws IOException {
    Path small = Files.createDirectories(tmp.resolve("small"));
    for (DatasetFiles.Part p : DatasetFiles.Part.values()) {
      boolean images = p.fileName().contains("images");
      Idx.write(small.resolve(p.fileName()), images ? new IdxArray(new int[] {3, 14, 14}, new byte[3 * 196])
          : new IdxArray(new int[] {3}, new byte[] {1, 2, 3}), false);
    }
    assertEquals(2, run("evaluate", "--model", model.toString(), "--dataset", small.toString()));
    assertTrue(err.toString().contains("the model takes 28x28 images and 10 classes, but small has 14x14 images"),
        err.toString());
  }
}
