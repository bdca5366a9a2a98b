package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceTest {
  private static final String SET = "font-digit usps-zip";

  @TempDir Path runs;
  @TempDir Path shippedDir;

  private Path run(String name, String summary, String reading) throws IOException {
    return run(runs.resolve(name), summary, reading, SET);
  }

  /** A model folder; its reading score recorded for its own files and {@code categories}. */
  private static Path run(Path dir, String summary, String reading, String categories) throws IOException {
    Path model = Files.createDirectories(dir.resolve("saved_model"));
    Files.writeString(model.resolve("saved_model.pb"), dir.getFileName().toString());
    if (summary != null) {
      Files.writeString(dir.resolve("summary.properties"), "test_accuracy=" + summary + "\n");
    }
    if (reading != null) {
      Files.writeString(dir.resolve(ModelFolder.READING_FILE), ModelFolder.SCORE_KEY + "="
          + reading + "\n" + ModelFolder.CATEGORIES_KEY + "=" + categories + "\n" + ModelFolder.FINGERPRINT_KEY + "="
          + new ModelFolder(dir).fingerprint() + "\n");
    }
    return model;
  }

  @Test
  void theBestReaderWinsOverTheMostAccurateAndTheNewest() throws Exception {
    run("accurate", "0.997", null);
    Path reader = run("reader", "0.995", "0.93");
    run("weaker-reader", "0.996", "0.88");
    run("newest", null, null);
    ModelChoice.Choice c = ModelChoice.choose(runs, Optional.empty());
    assertEquals(reader, c.model());
    assertTrue(c.reason().contains("93.00%"), c.reason());
  }

  @Test
  void theShippedReaderWinsUnlessARunReadsTheSameSetBetter() throws Exception {
    Path shipped = run(shippedDir.resolve("reader"), null, "0.95", SET);
    ModelFolder ship = ModelFolder.of(shipped);
    run("default", "0.9935", null);
    run(runs.resolve("other-set"), null, "0.99", "font-digit");
    ModelChoice.Choice c = ModelChoice.choose(runs, Optional.of(ship));
    assertEquals(shipped, c.model(), "no run reads the shipped reader's set better");
    assertTrue(c.reason().contains("shipped reader") && c.reason().contains("95.00%"), c.reason());
    Path better = run("better", null, "0.96");
    c = ModelChoice.choose(runs, Optional.of(ship));
    assertEquals(better, c.model());
    assertTrue(c.reason().contains("96.00%") && c.reason().contains("95.00%"), c.reason());
    // the better run's model is replaced (a resume, a re-export): its old score no longer counts
    Files.writeString(better.resolve("saved_model.pb"), "retrained");
    assertEquals(shipped, ModelChoice.choose(runs, Optional.of(ship)).model());
  }

  @Test
  void withoutReadingScoresTheMostAccurateWinsThenTheNewest() throws Exception {
    run("a", "0.990", null);
    Path b = run("b", "0.993", null);
    run("c", "not a number", null);
    assertEquals(b, ModelChoice.choose(runs, Optional.empty()).model());
    Files.delete(runs.resolve("a").resolve("summary.properties"));
    Files.delete(runs.resolve("b").resolve("summary.properties"));
    assertTrue(ModelChoice.choose(runs, Optional.empty()).reason().startsWith("the newest"));
  }

  @Test
  void noModelIsAUsageError() {
    assertThrows(UsageException.class, () -> ModelChoice.choose(runs.resolve("missing"), Optional.empty()));
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
