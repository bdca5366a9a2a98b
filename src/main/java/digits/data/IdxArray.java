package digits.data;

import java.util.Arrays;

/**
 * An IDX array of unsigned bytes: {@code shape} is the list of dimensions (first = item count) and {@code data}
 * holds the values row-major, one byte each (read them with {@code & 0xFF}).
 */
public record IdxArray(int[] shape, byte[] data) {
  public IdxArray {
    shape = shape.clone();
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Expected non-negative dimensions, received " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "Expected " + size + " values for shape " + Arrays.toString(shape) + ", received " + data.length);
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of items along the first dimension. */
  public int count() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Values per item: the product of all dimensions but the first. */
  public int itemSize() {
    int size = 1;
    for (int i = 1; i < shape.length; i++) {
      size *= shape[i];
    }
    return size;
  }
}
