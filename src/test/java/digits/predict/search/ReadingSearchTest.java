package digits.predict.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.data.Box;
import digits.predict.ink.InkImage;
import digits.predict.segment.Atom;
import digits.predict.segment.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prior's part in choosing a reading, with the model's scores given (numbers as a reader gave them). */
class ReadingSearchTest {
  /** One glyph 40 pixels wide and high, cut into two atoms at {@code cut}; the first spans rows {@code top} to 40. */
  private static Line glyph(int cut, int top) {
    return new Line(new InkImage(new float[40 * 40], 40, 40), List.of(
        new Atom(new int[0], new Box(0, top, cut, 40), 0), new Atom(new int[0], new Box(cut, 0, 40, 40), 0)),
        40, new int[] {40});
  }

  /** How many digits the best reading has, given the model's confidence in each candidate. */
  private static int digits(Line line, ReadingPrior prior, double left, double both, double right) {
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(line, prior, 0);
    assertEquals(List.of(new ReadingSearch.Segment(0, 1), new ReadingSearch.Segment(0, 2),
        new ReadingSearch.Segment(1, 2)), candidates);
    double[] log = {Math.log(left), Math.log(both), Math.log(right)};
    return ReadingSearch.best(line, candidates, log, 0, prior).segments().size();
  }

  @Test
  void aThinOneTouchingItsNeighbourComesBackWhenTheModelJudgesMergesItself() {
    // "14": a full-height 1, ten pixels wide, against a 4; the model is sure of each and unsure of both as one.
    Line line = glyph(10, 0);
    assertEquals(2, digits(line, ReadingPrior.DEFAULT, 0.93, 0.34, 0.95));
    assertEquals(1, digits(line, ReadingPrior.DIGITS_ONLY, 0.93, 0.34, 0.95),
        "without a non-digit output the prior keeps the glyph whole");
  }

  @Test
  void aGlyphAloneIsCutLessReadilyThanOneAmongOthers() {
    // "13" drawn touching (the model is unsure of it as one digit), alone in its image and then beside a third
    // digit 40 pixels to its right: alone it stays one digit, in a line it is two
    Line alone = glyph(10, 0);
    assertEquals(1, digits(alone, ReadingPrior.DEFAULT, 0.9, 0.5, 0.9));
    Line inLine = new Line(new InkImage(new float[40 * 120], 120, 40), List.of(
        new Atom(new int[0], new Box(0, 0, 10, 40), 0), new Atom(new int[0], new Box(10, 0, 40, 40), 0),
        new Atom(new int[0], new Box(80, 0, 110, 40), 1)), 40, new int[] {40, 30});
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(inLine, ReadingPrior.DEFAULT, 0);
    double[] log = new double[candidates.size()];
    for (int i = 0; i < log.length; i++) {
      ReadingSearch.Segment c = candidates.get(i);
      double p = c.to() - c.from() == 1 ? 0.9 : c.equals(new ReadingSearch.Segment(0, 2)) ? 0.5 : 0.01;
      log[i] = Math.log(p);
    }
    assertEquals(3, ReadingSearch.best(inLine, candidates, log, 0, ReadingPrior.DEFAULT).segments().size());
  }

  @Test
  void theFlagOfAOneIsTooShortToBeAOneOfItsOwn() {
    // A 1 with a long flag cut from its stem: the flag reaches 60% of the way up; both halves look like 1s.
    Line flagged = glyph(20, 16);
    assertEquals(1, digits(flagged, ReadingPrior.DEFAULT, 0.93, 0.30, 0.90));
    // The same scores for a piece as tall as the line: two digits.
    assertEquals(2, digits(glyph(20, 0), ReadingPrior.DEFAULT, 0.93, 0.30, 0.90));
  }
}
