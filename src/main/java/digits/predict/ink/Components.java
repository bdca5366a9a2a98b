package digits.predict.ink;

import java.util.ArrayList;
import java.util.List;

/** 8-connected components of a binary mask, each with its pixel list and bounding box. */
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

  public static List<Component> of(boolean[] mask, int width, int height) {
    int[] label = new int[mask.length];
    int[] stack = new int[mask.length];
    int[] visited = new int[mask.length]; // each component's pixels in the order they are reached
    List<Component> found = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || label[start] != 0) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int count = 0;
      int x0 = width;
      int y0 = height;
      int x1 = 0;
      int y1 = 0;
      while (top > 0) {
        int p = stack[--top];
        visited[count++] = p;
        int px = p % width;
        int py = p / width;
        x0 = Math.min(x0, px);
        y0 = Math.min(y0, py);
        x1 = Math.max(x1, px + 1);
        y1 = Math.max(y1, py + 1);
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            int ny = py + dy;
            if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
              int q = ny * width + nx;
              if (mask[q] && label[q] == 0) {
                label[q] = next;
                stack[top++] = q;
              }
            }
          }
        }
      }
      found.add(new Component(java.util.Arrays.copyOf(visited, count), x0, y0, x1, y1));
    }
    return found;
  }
}
