package digits.predict;

import java.util.concurrent.atomic.LongAdder;

/**
 * The work a reader's models have done: candidate digits scored, lines read whole by the line model, and their
 * floating-point operations (convolutions and matrix products, counted from the models' graphs).
 */
public record ModelWork(long digits, long lines, long flops) {
  /** The work done since {@code earlier}. */
  public ModelWork since(ModelWork earlier) {
    return new ModelWork(digits - earlier.digits, lines - earlier.lines, flops - earlier.flops);
  }

  /** The floating-point operations of one candidate digit and of one line (0 without a line model). */
  public record Cost(long perDigit, long perLine) {}

  /** Counts inputs as the models score them, from any thread. */
  static final class Counter {
    private final LongAdder digits = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final long flopsPerDigit;
    private final long flopsPerLine;

    Counter(long flopsPerDigit, long flopsPerLine) {
      this.flopsPerDigit = flopsPerDigit;
      this.flopsPerLine = flopsPerLine;
    }

    void digits(int n) {
      digits.add(n);
    }

    void lines(int n) {
      lines.add(n);
    }

    Cost cost() {
      return new Cost(flopsPerDigit, flopsPerLine);
    }

    ModelWork total() {
      long d = digits.sum();
      long l = lines.sum();
      return new ModelWork(d, l, d * flopsPerDigit + l * flopsPerLine);
    }
  }
}
