package digits.predict;

/**
 * One recognized digit: the class, its confidence (the class probability, times the probability that the image is
 * one digit for models that say so) and all class probabilities.
 */
public record Prediction(int digit, float confidence, float[] probabilities) {
  /** The {@code k} most probable classes, most probable first. */
  public int[] top(int k) {
    Integer[] order = new Integer[probabilities.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
    int[] top = new int[Math.min(k, order.length)];
    for (int i = 0; i < top.length; i++) {
      top[i] = order[i];
    }
    return top;
  }
}
