package digits.data;

import java.util.SplittableRandom;

/** Fisher-Yates shuffles driven by an explicit random source, so a seed fixes the order. */
final class Shuffle {
  private Shuffle() {}

  static void inPlace(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
