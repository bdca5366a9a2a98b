package digits.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void constantStepCosineAndOneCycle() {
    assertEquals(0.01, Schedule.constant().rate(0.01, 77, 10, 100));
    Schedule step = new Schedule(Schedule.Kind.STEP, 0, 2, 0.1);
    assertEquals(1.0, step.rate(1, 19, 10, 100), 1e-12);
    assertEquals(0.1, step.rate(1, 20, 10, 100), 1e-12);
    assertEquals(0.01, step.rate(1, 45, 10, 100), 1e-12);
    Schedule cosine = new Schedule(Schedule.Kind.COSINE, 0, 1, 1);
    assertEquals(1.0, cosine.rate(1, 0, 10, 101), 1e-12);
    assertEquals(0.5, cosine.rate(1, 50, 10, 101), 1e-12);
    assertEquals(0.0, cosine.rate(1, 100, 10, 101), 1e-12);
    Schedule oneCycle = new Schedule(Schedule.Kind.ONE_CYCLE, 0.25, 1, 1);
    assertEquals(1 / 25.0, oneCycle.rate(1, 0, 10, 101), 1e-12);
    assertEquals(1.0, oneCycle.rate(1, 25, 10, 101), 1e-12);
    assertEquals(1 / 25.0 / 1e4, oneCycle.rate(1, 100, 10, 101), 1e-12);
    for (int s = 1; s <= 25; s++) {
      assertTrue(oneCycle.rate(1, s, 10, 101) > oneCycle.rate(1, s - 1, 10, 101));
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new Schedule(Schedule.Kind.STEP, 0, 0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(Schedule.Kind.ONE_CYCLE, 1.0, 1, 1));
  }
}
