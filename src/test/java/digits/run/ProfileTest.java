package digits.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.train.OptimizerConfig;
import digits.train.Schedule;
import digits.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileTest {
  @TempDir Path dir;

  @Test
  void everyShippedProfileResolves() throws IOException {
    Path profiles = Path.of("profiles");
    for (String name : Profile.available(profiles)) {
      TrainingConfig c = Profile.toConfig(Profile.merge(Profile.read(name, profiles), Map.of()));
      assertTrue(c.loop().epochs() >= 1, name);
    }
    assertTrue(Profile.available(profiles).containsAll(java.util.List.of("default", "keras", "seed", "smoke")));
    TrainingConfig keras = Profile.toConfig(Profile.merge(Profile.read("keras", profiles), Map.of()));
    assertEquals(34_826, keras.architecture().parameterCount(new long[] {28, 28, 1}));
    assertEquals(128, keras.loop().batchSize());
    assertEquals(OptimizerConfig.Kind.ADAM, keras.optimization().optimizer().kind());
    assertEquals(0.1, keras.data().validationSplit());
  }

  @Test
  void overridesWinOverTheProfile() throws IOException {
    Files.writeString(dir.resolve("p.properties"), "epochs = 4\noptimizer = sgd\nschedule = one-cycle\n");
    TrainingConfig c = Profile.toConfig(Profile.merge(Profile.read("p", dir), Map.of("epochs", "2", "nesterov", "yes")));
    assertEquals(2, c.loop().epochs());
    assertEquals(OptimizerConfig.Kind.SGD, c.optimization().optimizer().kind());
    assertEquals(Schedule.Kind.ONE_CYCLE, c.optimization().schedule().kind());
    assertTrue(c.optimization().optimizer().nesterov());
    assertEquals(digits.inference.Precision.AUTO, c.loop().precision(), "the default");
    assertEquals(digits.inference.Precision.MIXED_BFLOAT16, Profile.toConfig(Profile.merge(Profile.read("p", dir),
        Map.of("precision", "mixed_bfloat16"))).loop().precision());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "epochs=abc| Setting epochs: expected an integer, received 'abc'",
      "epochs=0| Expected epochs >= 1, received 0",
      "optimizer=rmsprop| Setting optimizer: expected one of adam, sgd, received 'rmsprop'",
      "learning_rate=-1| Expected learning_rate > 0",
      "augment.rotation=400| Expected rotation in [0.0, 180.0]",
      "nesterov=maybe| expected true or false",
      "ema_decay=1| Expected ema_decay in [0, 1), received 1.0",
      "architecture=conv(8,3) warp| unknown layer 'warp'",
      "epoch=3| Unknown setting 'epoch'",
      "search_pieces=100| search_pieces needs augment.non_digits above 0",
      "search_pieces=-1| Expected search_pieces in [0, 1000000], received -1",
      "line_steps=-5| Expected line_steps in [0, 1000000], a multiple of 10 (the line model trains in 10 epochs of equal steps), received -5",
      "line_steps=15| received 15",
      "precision=float16| Setting precision: expected one of float32, mixed_bfloat16, auto, received 'float16'"})
  void badValuesNameTheSetting(String override, String expected) {
    String[] kv = override.split("=", 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Profile.toConfig(Profile.merge(Map.of(), Map.of(kv[0], kv[1]))));
    assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
  }

  @Test
  void missingProfileListsTheAvailableOnes() throws IOException {
    Files.writeString(dir.resolve("a.properties"), "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.read("nope", dir));
    assertTrue(e.getMessage().contains("available: a"), e.getMessage());
  }

  @Test
  void theShippedProfilesTravelWithTheProgramAndALocalFileWins() throws IOException {
    Path empty = dir.resolve("no-profiles-here");
    Map<String, String> bundled = Profile.read("fast", empty);
    assertEquals(Profile.read("fast", Path.of("profiles")), bundled, "the bundled copy is the repository's file");
    assertTrue(Profile.available(empty).containsAll(java.util.List.of("best", "default", "fast", "reader")));
    Files.createDirectories(empty);
    Files.writeString(empty.resolve("fast.properties"), "epochs = 1\n");
    assertEquals(Map.of("epochs", "1"), Profile.read("fast", empty));
  }

  @Test
  void nonDigitImagesNeedTheEleventhOutput() throws IOException {
    TrainingConfig reader = Profile.toConfig(Profile.merge(Profile.read("reader", Path.of("profiles")), Map.of()));
    assertEquals(0.1, reader.augmentation().nonDigits());
    assertEquals(11, reader.network(28, 28, 10, digits.data.Normalization.UNIT).outputs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.toConfig(
        Profile.merge(Map.of(), Map.of("augment.non_digits", "0.1"))).network(28, 28, 10,
        digits.data.Normalization.UNIT));
    assertTrue(e.getMessage().contains("needs the architecture's non-digit output: end it in dense(11)"),
        e.getMessage());
  }

  @Test
  void theArchitectureDeclaresTheNonDigitOutputAndSomethingMustTrainIt() throws IOException {
    String eleven = "flatten dense(11)";
    assertTrue(Profile.toConfig(Profile.merge(Map.of(), Map.of("architecture", eleven, "augment.non_digits", "0.1")))
        .network(28, 28, 10, digits.data.Normalization.UNIT).nonDigitClass(), "11 outputs for 10 classes");
    assertFalse(Profile.toConfig(Profile.merge(Map.of(), Map.of()))
        .network(28, 28, 10, digits.data.Normalization.UNIT).nonDigitClass());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.toConfig(
        Profile.merge(Map.of(), Map.of("architecture", eleven))).network(28, 28, 10,
        digits.data.Normalization.UNIT));
    assertTrue(e.getMessage().contains("declares a non-digit output (11 outputs for 10 classes) that nothing "
        + "trains"), e.getMessage());
  }
}
