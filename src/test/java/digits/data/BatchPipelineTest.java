package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {
  private final LabeledImages data = Fixtures.blocks(103, 10, 5);

  private static List<Batch> drain(BatchPipeline p, int epoch) {
    List<Batch> out = new ArrayList<>();
    try (BatchPipeline.Stream s = p.epoch(epoch)) {
      s.forEachRemaining(out::add);
    }
    return out;
  }

  private BatchPipeline pipeline(boolean drop, boolean shuffle, Augmentation aug, int prefetch, long seed) {
    return BatchPipeline.of(data, new BatchPipeline.Options(10, drop, shuffle, Normalization.UNIT, aug, prefetch,
        seed));
  }

  @Test
  void batchesWithAndWithoutTheRemainder() {
    List<Batch> keep = drain(pipeline(false, false, Augmentation.NONE, 0, 1), 0);
    assertEquals(11, keep.size());
    assertEquals(3, keep.get(10).size());
    assertEquals(10, drain(pipeline(true, false, Augmentation.NONE, 0, 1), 0).size());
    Batch first = keep.get(0);
    assertEquals(10 * 28 * 28, first.images().length);
    assertEquals(data.label(3), first.labels()[3]);
    assertEquals((data.pixels()[3 * 784 + 200] & 0xFF) / 255f, first.images()[3 * 784 + 200], 1e-7);
  }

  @Test
  void sameSeedSameBatchesWithOrWithoutPrefetch() {
    Augmentation aug = Augmentation.affine(10, 0.1, 2);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Batch> direct = drain(pipeline(false, true, aug, 0, 9), epoch);
      List<Batch> prefetched = drain(pipeline(false, true, aug, 3, 9), epoch);
      assertEquals(direct.size(), prefetched.size());
      for (int b = 0; b < direct.size(); b++) {
        assertArrayEquals(direct.get(b).labels(), prefetched.get(b).labels());
        assertArrayEquals(direct.get(b).images(), prefetched.get(b).images());
      }
    }
  }

  @Test
  void shuffleChangesPerEpochAndPerSeedAndCoversEveryImage() {
    int[] e0 = labelsOf(drain(pipeline(false, true, Augmentation.NONE, 2, 1), 0));
    int[] e1 = labelsOf(drain(pipeline(false, true, Augmentation.NONE, 2, 1), 1));
    int[] s2 = labelsOf(drain(pipeline(false, true, Augmentation.NONE, 2, 2), 0));
    assertFalse(Arrays.equals(e0, e1));
    assertFalse(Arrays.equals(e0, s2));
    int[] sorted = e0.clone();
    Arrays.sort(sorted);
    int[] expected = new int[data.size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = data.label(i);
    }
    Arrays.sort(expected);
    assertArrayEquals(expected, sorted);
  }

  @Test
  void standardization() {
    Normalization n = new Normalization(0.5f, 0.25f);
    Batch b = drain(BatchPipeline.of(data, new BatchPipeline.Options(4, false, false, n, Augmentation.NONE, 0, 0)),
        0).get(0);
    float unit = (data.pixels()[17] & 0xFF) / 255f;
    assertEquals((unit - 0.5f) / 0.25f, b.images()[17], 1e-6);
    assertEquals(data.label(1), b.labels()[1]);
  }

  @Test
  void closingEarlyStopsThePrefetchThread() throws InterruptedException {
    BatchPipeline p = pipeline(false, true, Augmentation.affine(10, 0.1, 2), 1, 3);
    try (BatchPipeline.Stream s = p.epoch(0)) {
      assertTrue(s.hasNext());
      s.next();
    }
    Thread.sleep(50);
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(
        t -> t.getName().equals("digits-prefetch") && t.isAlive()));
  }

  @Test
  void rejectsBadOptions() {
    assertThrows(IllegalArgumentException.class, () -> pipeline(false, false, Augmentation.NONE, -1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new BatchPipeline(data, new int[] {5, 103}, BatchPipeline.Options.inOrder(2)));
  }

  private static int[] labelsOf(List<Batch> batches) {
    return batches.stream().flatMapToInt(b -> Arrays.stream(b.labels())).toArray();
  }
}
