package digits.predict.segment;

import digits.data.Box;

/**
 * A piece of ink: its pixels (indices into the line's image), its box, and the glyph it was cut from (-1 before
 * glyphs are numbered).
 */
public record Atom(int[] pixels, Box box, int glyph) {
  static Atom of(int[] pixels, int width, int glyph) {
    return new Atom(pixels, Box.ofPixels(pixels, width), glyph);
  }

  public int x0() {
    return box.x0();
  }

  public int y0() {
    return box.y0();
  }

  public int x1() {
    return box.x1();
  }

  public int y1() {
    return box.y1();
  }

  public int width() {
    return box.width();
  }

  public int height() {
    return box.height();
  }
}
