package digits.predict.ink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The run-based components against a plain 8-connected flood fill, on masks from empty to nearly full. */
class ComponentsTest {
  @Test
  void runsJoinedSideAndCornerGiveTheComponentsAFloodFillFinds() {
    SplittableRandom random = new SplittableRandom(2026);
    int[][] sizes = {{1, 1}, {1, 17}, {23, 1}, {9, 9}, {40, 31}, {64, 20}};
    for (int[] size : sizes) {
      for (double density : new double[] {0, 0.05, 0.3, 0.5, 0.7, 1}) {
        int w = size[0];
        int h = size[1];
        boolean[] mask = new boolean[w * h];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = random.nextDouble() < density;
        }
        String what = w + "x" + h + " at " + density;
        List<Components.Component> expected = floodFill(mask, w, h);
        List<Components.Component> actual = Components.of(mask, w, h);
        assertEquals(expected.size(), actual.size(), what);
        for (int c = 0; c < expected.size(); c++) {
          Components.Component e = expected.get(c);
          Components.Component a = actual.get(c);
          assertArrayEquals(new int[] {e.x0(), e.y0(), e.x1(), e.y1()}, new int[] {a.x0(), a.y0(), a.x1(), a.y1()},
              what + ", component " + c + "'s box");
          assertArrayEquals(e.pixels(), a.pixels(), what + ", component " + c + "'s pixels, row by row");
        }
      }
    }
  }

  @Test
  void aDiagonalStrokeIsOneComponentAndAGapOfOnePixelIsTwo() {
    // x . . .      a diagonal touches only at corners; the two strokes on the right are a column apart
    // . x . x
    // . . x .  <- joins the right stroke by a corner too
    // . . . .
    boolean[] mask = new boolean[16];
    for (int p : new int[] {0, 5, 10, 7}) {
      mask[p] = true;
    }
    assertEquals(1, Components.of(mask, 4, 4).size());
    boolean[] apart = new boolean[15];
    apart[0] = true;
    apart[2] = true;
    assertEquals(2, Components.of(apart, 3, 5).size());
  }

  /** Components in the order of their first pixel, each one's pixels sorted (row by row). */
  private static List<Components.Component> floodFill(boolean[] mask, int w, int h) {
    boolean[] seen = new boolean[mask.length];
    List<Components.Component> out = new ArrayList<>();
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || seen[start]) {
        continue;
      }
      List<Integer> pixels = new ArrayList<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
      seen[start] = true;
      int x0 = w;
      int y0 = h;
      int x1 = 0;
      int y1 = 0;
      while (!queue.isEmpty()) {
        int p = queue.poll();
        pixels.add(p);
        int px = p % w;
        int py = p / w;
        x0 = Math.min(x0, px);
        y0 = Math.min(y0, py);
        x1 = Math.max(x1, px + 1);
        y1 = Math.max(y1, py + 1);
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            int ny = py + dy;
            if (nx >= 0 && ny >= 0 && nx < w && ny < h && mask[ny * w + nx] && !seen[ny * w + nx]) {
              seen[ny * w + nx] = true;
              queue.add(ny * w + nx);
            }
          }
        }
      }
      int[] sorted = pixels.stream().mapToInt(Integer::intValue).toArray();
      Arrays.sort(sorted);
      out.add(new Components.Component(sorted, x0, y0, x1, y1));
    }
    return out;
  }
}
