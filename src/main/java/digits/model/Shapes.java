package digits.model;

/** Small helpers for shapes without the batch dimension. */
final class Shapes {
  private Shapes() {}

  static void expectRank(String layer, long[] shape, int rank) {
    if (shape.length != rank) {
      throw new IllegalArgumentException("Expected a rank-" + rank + " input for " + layer + ", received "
          + format(shape) + (rank == 1 ? " (add flatten before it)" : ""));
    }
  }

  static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Keras style: {@code (None, 26, 26, 32)}. */
  static String format(long[] shape) {
    StringBuilder s = new StringBuilder("(None");
    for (long d : shape) {
      s.append(", ").append(d);
    }
    return s.append(')').toString();
  }
}
