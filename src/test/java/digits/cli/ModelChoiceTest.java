package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceTest {
  @TempDir Path runs;

  private Path run(String name, String summary, String reading) throws IOException {
    Path model = Files.createDirectories(runs.resolve(name).resolve("saved_model"));
    Files.writeString(model.resolve("saved_model.pb"), "");
    if (summary != null) {
      Files.writeString(runs.resolve(name).resolve("summary.properties"), "test_accuracy=" + summary + "\n");
    }
    if (reading != null) {
      Files.writeString(runs.resolve(name).resolve(ModelChoice.READING_FILE), ModelChoice.READING_KEY + "=" + reading);
    }
    return model;
  }

  @Test
  void theBestReaderWinsOverTheMostAccurateAndTheNewest() throws Exception {
    run("accurate", "0.997", null);
    Path reader = run("reader", "0.995", "0.93");
    run("weaker-reader", "0.996", "0.88");
    run("newest", null, null);
    ModelChoice.Choice c = ModelChoice.choose(runs);
    assertEquals(reader, c.model());
    assertTrue(c.reason().contains("93.00%"), c.reason());
  }

  @Test
  void withoutReadingScoresTheMostAccurateWinsThenTheNewest() throws Exception {
    run("a", "0.990", null);
    Path b = run("b", "0.993", null);
    run("c", "not a number", null);
    assertEquals(b, ModelChoice.choose(runs).model());
    Files.delete(runs.resolve("a").resolve("summary.properties"));
    Files.delete(runs.resolve("b").resolve("summary.properties"));
    assertTrue(ModelChoice.choose(runs).reason().startsWith("the newest"));
  }

  @Test
  void noModelIsAUsageError() {
    assertThrows(UsageException.class, () -> ModelChoice.choose(runs.resolve("missing")));
  }

  @Test
  void modelTakesARunFolderOrItsSavedModel() throws Exception {
    Path model = run("r", null, null);
    ModelDir converter = new ModelDir();
    assertEquals(model, converter.convert(runs.resolve("r").toString()));
    assertEquals(model, converter.convert(model.toString()));
    Path elsewhere = runs.resolve("not-a-model");
    assertEquals(elsewhere, converter.convert(elsewhere.toString()), "anything else is left for load to judge");
  }
}
