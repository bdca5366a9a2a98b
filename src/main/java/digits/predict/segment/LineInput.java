package digits.predict.segment;

import digits.predict.ink.InkImage;
import digits.predict.ink.Resample;
/**
 * The input of a line model: a whole line of ink, its height scaled to {@value #INK_HEIGHT} pixels (width in
 * proportion, squeezed only when the line would not fit) and placed at the left of a {@value #HEIGHT} x
 * {@value #WIDTH} frame, values in [0, 1] with 1 = the line's darkest ink. The line model reads it in
 * {@value #FRAMES} columns of four pixels each ({@link Ctc}).
 */
public final class LineInput {
  public static final int HEIGHT = 24;
  public static final int WIDTH = 192;
  /** Columns the line model reads: one every four pixels of the input. */
  public static final int FRAMES = WIDTH / 4;
  /** The most digits a line model is trained to read in one line. */
  public static final int MAX_DIGITS = 10;
  public static final int INK_HEIGHT = 20;
  private static final int TOP = (HEIGHT - INK_HEIGHT) / 2;
  private static final int LEFT = 4;
  /** Pixels at most this faint do not count in the line's ink box. */
  private static final float FAINT = 0.1f;

  private LineInput() {}

  /** The input for a line's atoms, as the reader cuts it (ruled lines, specks and noise already left out). */
  public static float[] of(Line line) {
    return prepare(Segmenter.render(line, 0, line.atoms().size()));
  }

  /** The input for {@code ink}; all zero when it holds no ink. */
  public static float[] prepare(InkImage ink) {
    int x0 = ink.width();
    int y0 = ink.height();
    int x1 = 0;
    int y1 = 0;
    float max = 0;
    for (int y = 0; y < ink.height(); y++) {
      for (int x = 0; x < ink.width(); x++) {
        float v = ink.at(x, y);
        max = Math.max(max, v);
        if (v > FAINT) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x + 1);
          y1 = Math.max(y1, y + 1);
        }
      }
    }
    float[] out = new float[HEIGHT * WIDTH];
    if (x1 <= x0) {
      return out;
    }
    double scale = (double) INK_HEIGHT / (y1 - y0);
    int w = Math.max(1, Math.min(WIDTH - 2 * LEFT, (int) Math.round((x1 - x0) * scale)));
    InkImage scaled = Resample.area(ink.crop(x0, y0, x1, y1), w, INK_HEIGHT);
    for (int y = 0; y < INK_HEIGHT; y++) {
      for (int x = 0; x < w; x++) {
        out[(y + TOP) * WIDTH + x + LEFT] = Math.min(1f, scaled.at(x, y) / max);
      }
    }
    return out;
  }
}
