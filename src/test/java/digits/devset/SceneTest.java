package digits.devset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SceneTest {
  /** Whether column {@code x} (or row, when {@code row}) holds darkness above one half in positions [from, to). */
  private static boolean inked(float[] v, int w, int at, boolean row, int from, int to) {
    for (int i = from; i < to; i++) {
      if ((row ? v[at * w + i] : v[i * w + at]) > 0.5f) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aLongLineFramedByThePerspectivesReachKeepsAllOfItsInkInThePicture() {
    // a line 400 wide and 100 tall whose ink touches all four of its edges (a frame 3 thick, thinner than the
    // perspective's moves), framed on every side as DevSet frames a photographed line
    int line = 400;
    int tall = 100;
    int px = Scene.perspectiveMargin(line);
    int py = Scene.perspectiveMargin(tall);
    int w = line + 2 * px;
    int h = tall + 2 * py;
    float[] ink = new float[w * h];
    for (int y = 0; y < tall; y++) {
      for (int x = 0; x < line; x++) {
        boolean edge = x < 3 || x >= line - 3 || y < 3 || y >= tall - 3;
        ink[(py + y) * w + px + x] = edge ? 1 : 0;
      }
    }
    for (int seed = 0; seed < 200; seed++) {
      float[] photo = Scene.perspective(ink, w, h, Scene.MAX_PERSPECTIVE, new SplittableRandom(seed));
      // every middle column still crosses the top and the bottom edge, every middle row the left and the right
      for (int x = w / 4; x < 3 * w / 4; x++) {
        assertTrue(inked(photo, w, x, false, 0, h / 2) && inked(photo, w, x, false, h / 2, h),
            "seed " + seed + ": column " + x + " lost the line's top or bottom");
      }
      for (int y = h / 4; y < 3 * h / 4; y++) {
        assertTrue(inked(photo, w, y, true, 0, w / 2) && inked(photo, w, y, true, w / 2, w),
            "seed " + seed + ": row " + y + " lost the line's start or end");
      }
    }
  }
}
