package digits.model;

/**
 * A weight a layer needs once its input shape is known.
 *
 * @param name flat graph name, such as {@code conv1_kernel}
 * @param shape dimensions, such as {@code [3, 3, 1, 32]}
 * @param init how to fill it before training
 * @param fanIn inputs per output unit (for the initializer)
 * @param fanOut outputs per input unit (for the initializer)
 * @param trainable false for statistics such as batch norm's moving averages
 */
public record WeightSpec(String name, long[] shape, Init init, long fanIn, long fanOut, boolean trainable) {
  /** How a weight starts. */
  public enum Init { GLOROT_UNIFORM, HE_NORMAL, ZEROS, ONES }

  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
