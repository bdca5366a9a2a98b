package digits.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Counts of (true class, predicted class) pairs: {@code count(t, p)}, rows are the truth. */
public final class ConfusionMatrix {
  private final long[][] counts;

  public ConfusionMatrix(int classes) {
    counts = new long[classes][classes];
  }

  /** A matrix from given counts (copied), rows = true class. */
  public static ConfusionMatrix of(long[][] counts) {
    ConfusionMatrix m = new ConfusionMatrix(counts.length);
    for (int t = 0; t < counts.length; t++) {
      if (counts[t].length != counts.length) {
        throw new IllegalArgumentException("Expected a square matrix, received row " + t + " of length "
            + counts[t].length);
      }
      System.arraycopy(counts[t], 0, m.counts[t], 0, counts.length);
    }
    return m;
  }

  public void add(int truth, int predicted) {
    counts[truth][predicted]++;
  }

  public int classes() {
    return counts.length;
  }

  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** A copy of the counts. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  public long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  public long correct() {
    long n = 0;
    for (int i = 0; i < counts.length; i++) {
      n += counts[i][i];
    }
    return n;
  }

  /** An off-diagonal cell: {@code count} images of {@code truth} predicted as {@code predicted}. */
  public record Confusion(int truth, int predicted, long count) {}

  /** The {@code k} largest off-diagonal cells, largest first (ties by class). */
  public List<Confusion> mostConfused(int k) {
    List<Confusion> all = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        if (t != p && counts[t][p] > 0) {
          all.add(new Confusion(t, p, counts[t][p]));
        }
      }
    }
    all.sort(Comparator.comparingLong(Confusion::count).reversed().thenComparingInt(Confusion::truth)
        .thenComparingInt(Confusion::predicted));
    return all.subList(0, Math.min(k, all.size()));
  }
}
