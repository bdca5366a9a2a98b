package digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchedTest {
  private static Batch batch(int b) {
    return new Batch(new float[] {b}, new int[] {b}, 1, 1, 1);
  }

  @Test
  void givesEveryBatchInOrderThenEnds() {
    List<Integer> seen = new ArrayList<>();
    try (Prefetched stream = new Prefetched(7, PrefetchedTest::batch, 2)) {
      while (stream.hasNext()) {
        seen.add(stream.next().labels()[0]);
      }
      assertFalse(stream.hasNext());
    }
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), seen);
  }

  @Test
  void aFailureWhileMakingABatchReachesTheLoop() {
    try (Prefetched stream = new Prefetched(5, b -> {
      if (b == 2) {
        throw new IllegalArgumentException("batch 2 is bad");
      }
      return batch(b);
    }, 1)) {
      assertTrue(stream.hasNext());
      stream.next();
      // batch 1 may or may not have been made before the failure was queued in its place
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
        while (stream.hasNext()) {
          stream.next();
        }
      });
      assertEquals("batch 2 is bad", e.getMessage());
    }
  }

  @Test
  void closingEarlyStopsTheThread() throws InterruptedException {
    try (Prefetched stream = new Prefetched(1_000, PrefetchedTest::batch, 1)) {
      stream.next();
    }
    Thread.sleep(50);
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals("digits-prefetch") && t.isAlive()));
  }
}
