package digits.devset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SceneTest {
  /** Darkness above one half in columns [x0, x1) of a w x h map. */
  private static int dark(float[] v, int w, int h, int x0, int x1) {
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = x0; x < x1; x++) {
        n += v[y * w + x] > 0.5f ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void aLongLineFramedByThePerspectivesReachKeepsItsEndsInThePicture() {
    // a line 400 wide whose first and last digits (bars 4 wide, 30 tall) touch its ends, framed as DevSet frames
    // a photographed line
    int line = 400;
    int h = 40;
    int pad = Scene.perspectiveMargin(line);
    int w = line + 2 * pad;
    float[] ink = new float[w * h];
    for (int y = 5; y < 35; y++) {
      for (int x = 0; x < 4; x++) {
        ink[y * w + pad + x] = 1;
        ink[y * w + pad + line - 1 - x] = 1;
      }
    }
    int bar = dark(ink, w, h, 0, w / 2);
    for (int seed = 0; seed < 100; seed++) {
      float[] photo = Scene.perspective(ink, w, h, Scene.MAX_PERSPECTIVE, new SplittableRandom(seed));
      int left = dark(photo, w, h, 0, w / 2);
      int right = dark(photo, w, h, w / 2, w);
      assertTrue(left > bar / 2 && right > bar / 2, "seed " + seed + ": the end digits keep " + left + " and "
          + right + " of their " + bar + " dark pixels");
    }
  }
}
