package digits.predict.ink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 8-connected components of a binary mask, each with its pixel list and bounding box, found from the mask's runs
 * (a row's unbroken stretches of set pixels): a run joins every run of the row above that touches it, side or
 * corner, in a union-find over runs. One pass over the pixels, then work in the number of runs.
 */
public final class Components {
  /** One component: pixel indices ({@code y * width + x}) and the box {@code [x0, x1) x [y0, y1)}. */
  public record Component(int[] pixels, int x0, int y0, int x1, int y1) {
    public int area() {
      return pixels.length;
    }

    int width() {
      return x1 - x0;
    }

    int height() {
      return y1 - y0;
    }
  }

  private Components() {}

  /** The components, in the order of their first pixel (row by row); each one's pixels row by row. */
  public static List<Component> of(boolean[] mask, int width, int height) {
    Runs runs = new Runs();
    int previous = 0; // the first run of the row above
    for (int y = 0; y < height; y++) {
      int row = runs.count;
      int above = previous;
      int base = y * width;
      int x = 0;
      while (x < width) {
        if (!mask[base + x]) {
          x++;
          continue;
        }
        int start = x;
        while (x < width && mask[base + x]) {
          x++;
        }
        int run = runs.add(y, start, x);
        while (above < row && runs.end[above] < start) {
          above++; // ends left of this run's corner: touches neither it nor any later run of this row
        }
        for (int j = above; j < row && runs.start[j] <= x; j++) {
          runs.union(j, run);
        }
      }
      previous = row;
    }
    return runs.components(width);
  }

  /** Runs of set pixels ({@code [start, end)} on row {@code row}) and the union-find over them. */
  private static final class Runs {
    int count;
    int[] row = new int[64];
    int[] start = new int[64];
    int[] end = new int[64];
    int[] parent = new int[64];

    int add(int y, int x0, int x1) {
      if (count == row.length) {
        int n = 2 * count;
        row = Arrays.copyOf(row, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        parent = Arrays.copyOf(parent, n);
      }
      row[count] = y;
      start[count] = x0;
      end[count] = x1;
      parent[count] = count;
      return count++;
    }

    int find(int r) {
      while (parent[r] != r) {
        parent[r] = parent[parent[r]];
        r = parent[r];
      }
      return r;
    }

    /** Joins two sets; the earlier run stays the root, so a component's root is its first run. */
    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }

    List<Component> components(int width) {
      int[] id = new int[count];
      int components = 0;
      for (int r = 0; r < count; r++) {
        int root = find(r);
        id[r] = root == r ? components++ : id[root];
      }
      int[] area = new int[components];
      int[] x0 = new int[components];
      int[] y0 = new int[components];
      int[] x1 = new int[components];
      int[] y1 = new int[components];
      Arrays.fill(x0, Integer.MAX_VALUE);
      Arrays.fill(y0, Integer.MAX_VALUE);
      for (int r = 0; r < count; r++) {
        int c = id[r];
        area[c] += end[r] - start[r];
        x0[c] = Math.min(x0[c], start[r]);
        x1[c] = Math.max(x1[c], end[r]);
        y0[c] = Math.min(y0[c], row[r]);
        y1[c] = Math.max(y1[c], row[r] + 1);
      }
      int[][] pixels = new int[components][];
      int[] filled = new int[components];
      for (int c = 0; c < components; c++) {
        pixels[c] = new int[area[c]];
      }
      for (int r = 0; r < count; r++) {
        int c = id[r];
        int base = row[r] * width;
        for (int x = start[r]; x < end[r]; x++) {
          pixels[c][filled[c]++] = base + x;
        }
      }
      List<Component> out = new ArrayList<>(components);
      for (int c = 0; c < components; c++) {
        out.add(new Component(pixels[c], x0[c], y0[c], x1[c], y1[c]));
      }
      return out;
    }
  }
}
