package digits.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitectureTest {
  static final String KERAS = "conv(32,3,relu) pool(2) conv(64,3,relu) pool(2) flatten dropout(0.5) dense(10)";
  static final long[] MNIST = {28, 28, 1};

  @Test
  void kerasMnistConvnetHas34826ParametersAndItsShapes() {
    Architecture a = Architecture.parse(KERAS);
    List<Architecture.Row> rows = a.summary(MNIST);
    assertArrayEquals(new long[] {26, 26, 32}, rows.get(0).outputShape());
    assertEquals(320, rows.get(0).parameters());
    assertArrayEquals(new long[] {13, 13, 32}, rows.get(1).outputShape());
    assertArrayEquals(new long[] {11, 11, 64}, rows.get(2).outputShape());
    assertEquals(18_496, rows.get(2).parameters());
    assertArrayEquals(new long[] {5, 5, 64}, rows.get(3).outputShape());
    assertArrayEquals(new long[] {1600}, rows.get(4).outputShape());
    assertEquals(16_010, rows.get(6).parameters());
    assertEquals(34_826, a.parameterCount(MNIST));
    String summary = a.formatSummary(MNIST);
    assertTrue(summary.contains("Total params: 34,826"), summary);
    assertTrue(summary.contains("(None, 26, 26, 32)"), summary);
  }

  @Test
  void batchNormAndSamePadding() {
    Architecture a = Architecture.parse("conv(16,3,same) bn relu pool flatten dense(32,relu,he) bn dense(10)");
    List<Architecture.Row> rows = a.summary(MNIST);
    assertArrayEquals(new long[] {28, 28, 16}, rows.get(0).outputShape());
    assertEquals(4 * 16, rows.get(1).parameters()); // gamma, beta, moving mean, moving variance
    long trainable = a.weights(MNIST).stream().filter(WeightSpec::trainable).mapToLong(WeightSpec::size).sum();
    assertEquals(a.parameterCount(MNIST) - 2 * 16 - 2 * 32, trainable);
    assertEquals(WeightSpec.Init.HE_NORMAL, a.weights(MNIST).stream()
        .filter(w -> w.name().equals("dense1_kernel")).findFirst().orElseThrow().init());
    assertEquals("bn2", a.layers().get(6).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "conv(32,3) pool(2) flatten lstm(10) dense(10)| unknown layer 'lstm'",
      "conv(32) flatten dense(10)| expected 2 to 5 arguments, received 1",
      "conv(a,3) flatten dense(10)| Expected numbers in layer 'conv(a,3)'",
      "conv(8,3,sigmoid) flatten dense(10)| Expected an activation",
      "dropout(1.5) flatten dense(10)| Expected a dropout rate in [0, 1)",
      "conv(8,3) dense(10)| add flatten before it",
      "conv(8,3) flatten dense(12)| end in 10 outputs",
      "conv(8,3) pool(2) conv(8,3) pool(2) conv(8,3) pool(2) conv(8,3) flatten dense(10)| at least 3x3",
      "conv(8,3) %% flatten dense(10)| at position 10",
      "'   '| empty architecture"})
  void badArchitecturesSayWhatIsWrong(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Architecture.parse(text).validate(MNIST, 10));
    assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
  }

  @Test
  void forwardFlopsCountTheMultiplyAddsOfConvolutionsAndDenseLayers() {
    Architecture keras = Architecture.parse("conv(32,3,relu) pool(2) conv(64,3,relu) pool(2) flatten dropout(0.5) "
        + "dense(10)");
    // 26x26 positions x 3x3x1x32, 11x11 x 3x3x32x64, 1600x10 multiply-adds; two operations each
    long expected = 2L * (26 * 26 * 288 + 11 * 11 * 18_432 + 16_000);
    org.junit.jupiter.api.Assertions.assertEquals(expected, keras.forwardFlops(new long[] {28, 28, 1}));
  }
}
