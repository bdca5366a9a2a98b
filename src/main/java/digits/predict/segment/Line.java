package digits.predict.segment;

import digits.data.Box;
import digits.predict.ink.InkImage;
import java.util.List;

/**
 * The atoms of a line ({@link Segmenter#atoms}), left to right, with the ink they were cut from (ruled lines
 * removed), the line's height (its tallest glyph) and the width of each glyph.
 */
public record Line(InkImage ink, List<Atom> atoms, int height, int[] glyphWidths) {
  /** Width of the glyph that atom {@code i} was cut from, in line heights. */
  public double glyphAspect(int i) {
    return (double) glyphWidths[atoms.get(i).glyph()] / height;
  }

  /** Whether atoms {@code i} and {@code i + 1} were cut from one glyph (else a gap separates them). */
  public boolean cutBetween(int i) {
    return atoms.get(i).glyph() == atoms.get(i + 1).glyph();
  }

  /** The box around atoms {@code [from, to)}. */
  public Box box(int from, int to) {
    Box box = atoms.get(from).box();
    for (Atom a : atoms.subList(from + 1, to)) {
      box = box.union(a.box());
    }
    return box;
  }

  /** Horizontal gap in pixels between atoms {@code i} and {@code i + 1} (negative when they overlap). */
  public int gapAfter(int i) {
    return atoms.get(i + 1).x0() - atoms.get(i).x1();
  }
}
