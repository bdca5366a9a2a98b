package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.inference.InvalidModelException;
import digits.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader committed under {@code models/reader}: its checksums, and that it reads drawn digits right. */
class ShippedReaderTest {
  @TempDir Path dir;

  @Test
  void theShippedFilesMatchTheirChecksumsAndTheRepositorysCopy() throws Exception {
    ModelFolder folder = ShippedReader.find().orElseThrow(() -> new AssertionError("no shipped reader in this build"));
    Map<String, String> listed = ShippedReader.parse(Files.readAllBytes(folder.dir().resolve(ShippedReader.SUMS)),
        ShippedReader.SUMS);
    assertTrue(listed.keySet().containsAll(java.util.List.of("saved_model/saved_model.pb",
        "line_model/saved_model.pb", ModelFolder.READING_FILE)), listed.keySet().toString());
    Path repository = Path.of("models", "reader");
    for (var e : listed.entrySet()) {
      assertEquals(e.getValue(), Sha256.of(repository.resolve(e.getKey())), e.getKey());
    }
    assertTrue(folder.score(folder.scoredCategories()).isPresent(),
        "its reading score was measured on these very files");
    assertTrue(Files.isRegularFile(repository.resolve("MODEL_CARD.md")));
  }

  @Test
  void itReadsDrawnDigitsAndAZipCode() throws Exception {
    try (DigitRecognizer reader = ShippedReader.load()) {
      assertTrue(reader.hasLineModel() && reader.hasNonDigitClass());
      for (String digit : new String[] {"0", "3", "4", "7", "8"}) {
        Prediction p = reader.read(Handwriting.draw(digit, Handwriting.Style.PLAIN, 0), ReadRequest.ONE_DIGIT).digits().get(0);
        assertEquals(digit, String.valueOf(p.digit()));
      }
      NumberReading zip = reader.read(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), ReadRequest.LINE);
      assertEquals("90210", zip.text());
      NumberReading touching = reader.read(Handwriting.draw("35884", Handwriting.Style.PLAIN, -0.02), ReadRequest.LINE);
      assertEquals("35884", touching.text());
    }
  }

  @Test
  void itReadsTheSameInABatchGatheredAndAlone() throws Exception {
    List<ImageToRead> images = List.of(
        ImageToRead.of(Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25), ReadRequest.LINE),
        ImageToRead.of(Handwriting.draw("35884", Handwriting.Style.PLAIN, -0.02), ReadRequest.LINE),
        ImageToRead.of(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), ReadRequest.LINE),
        ImageToRead.of(Handwriting.draw("4417", Handwriting.Style.PLAIN, 0.1), ReadRequest.lineOf(4)));
    try (DigitRecognizer reader = ShippedReader.load()) {
      List<ReadResult> batch = reader.readAll(images);
      ModelWork before = reader.work();
      List<ReadResult> gathered = new java.util.ArrayList<>();
      try (Gathering g = reader.gathering(java.time.Duration.ofMillis(200), 16, n -> { })) {
        List<java.util.concurrent.CompletableFuture<ReadResult>> answers = images.stream().map(g::read).toList();
        for (var a : answers) {
          gathered.add(a.get());
        }
      }
      assertTrue(reader.work().since(before).digits() > 0);
      for (int i = 0; i < images.size(); i++) {
        NumberReading alone = reader.read(images.get(i).image(), images.get(i).request());
        for (ReadResult r : List.of(batch.get(i), gathered.get(i))) {
          assertTrue(r.ok(), r.error());
          assertEquals(alone.text(), r.reading().text(), "image " + i);
          assertEquals(alone.confidence(), r.reading().confidence(), 1e-4, "image " + i);
        }
      }
    }
  }

  @Test
  void aDamagedOrMissingFileIsOneErrorNamingIt() throws Exception {
    Path model = Files.createDirectories(dir.resolve("saved_model"));
    Files.writeString(model.resolve("saved_model.pb"), "graph");
    Map<String, String> sums = Map.of("saved_model/saved_model.pb", Sha256.of(model.resolve("saved_model.pb")));
    ShippedReader.verify(dir, sums);
    Files.writeString(model.resolve("saved_model.pb"), "graph, changed");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> ShippedReader.verify(dir, sums));
    assertTrue(e.getMessage().startsWith(model.resolve("saved_model.pb") + ": damaged: SHA-256 "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    Files.delete(model.resolve("saved_model.pb"));
    e = assertThrows(InvalidModelException.class, () -> ShippedReader.verify(dir, sums));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    e = assertThrows(InvalidModelException.class, () -> ShippedReader.parse("not a listing\n".getBytes(), "SUMS"));
    assertTrue(e.getMessage().startsWith("SUMS: not a SHA-256 listing"), e.getMessage());
    String escape = "0".repeat(64) + "  ../../etc/passwd\n";
    assertThrows(InvalidModelException.class, () -> ShippedReader.parse(escape.getBytes(), "SUMS"));
  }
}
