package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Box;
import digits.predict.ink.InkImage;
import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import digits.predict.segment.Atom;
import digits.predict.segment.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line model's part in choosing a reading, with the digit model's predictions and the frames given. */
class LineRescoringTest {
  private static final int CLASSES = 11;
  private static final int BLANK = 10;

  /** One glyph 40 pixels wide and high, cut into two atoms ten pixels from its left ("14" touching, say). */
  private static final Line GLYPH = new Line(new InkImage(new float[40 * 40], 40, 40), List.of(
      new Atom(new int[0], new Box(0, 0, 10, 40), 0), new Atom(new int[0], new Box(10, 0, 40, 40), 0)), 40,
      new int[] {40});

  private static Prediction prediction(int first, double p, int second, double q) {
    float[] row = new float[10];
    row[first] = (float) p;
    row[second] = (float) q;
    return new Prediction(first, (float) p, row);
  }

  /** Frames sure of {@code path}, one frame each (the blank is 10). */
  private static float[] frames(int... path) {
    return frames(0.01, path);
  }

  /** Frames that give each class but {@code path}'s the probability {@code other}. */
  private static float[] frames(double other, int... path) {
    float[] lp = new float[path.length * CLASSES];
    java.util.Arrays.fill(lp, (float) Math.log(other));
    for (int t = 0; t < path.length; t++) {
      lp[t * CLASSES + path[t]] = (float) Math.log(1 - 10 * other);
    }
    return lp;
  }

  private static LineRescoring.Reading read(List<Prediction> predictions, float[] frames) {
    return read(GLYPH, predictions, 0, frames);
  }

  /** The reading of {@code line} with these predictions for its candidates and these frames. */
  private static LineRescoring.Reading read(Line line, List<Prediction> predictions, int expectedLength,
      float[] frames) {
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(line, ReadingPrior.DIGITS_ONLY,
        expectedLength);
    double[] log = predictions.stream().mapToDouble(p -> Math.log(p.confidence())).toArray();
    return LineRescoring.choose(line, candidates, predictions, log, expectedLength, ReadingPrior.DIGITS_ONLY,
        frames, 0, frames.length / CLASSES, CLASSES);
  }

  @Test
  void theLineModelCountsTheDigitsTheSearchMerged() {
    // candidates (0,1) "1", (0,2) the whole glyph, (1,2) "4": the digit model reads the whole glyph as a 4 at 0.6,
    // and the prior's cut price keeps it whole
    List<Prediction> p = List.of(prediction(1, 0.9, 7, 0.05), prediction(4, 0.6, 1, 0.2),
        prediction(4, 0.9, 9, 0.05));
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(GLYPH, ReadingPrior.DIGITS_ONLY, 0);
    double[] log = p.stream().mapToDouble(x -> Math.log(x.confidence())).toArray();
    assertEquals(1, ReadingSearch.best(GLYPH, candidates, log, 0, ReadingPrior.DIGITS_ONLY).segments().size());

    LineRescoring.Reading sees14 = read(p, frames(BLANK, 1, BLANK, 4, BLANK, BLANK));
    assertEquals("14", sees14.text());
    assertEquals(2, sees14.segments().size());
    LineRescoring.Reading sees4 = read(p, frames(BLANK, BLANK, 4, 4, BLANK, BLANK));
    assertEquals("4", sees4.text(), "frames that agree with the search leave its reading alone");
    Evidence e = sees14.evidence();
    assertTrue(e.raw() > 0 && e.raw() < 0.9 * 0.9, "the other options' weight lowers the raw confidence: " + e);
    assertTrue(e.optionShare() < 0, "other options had weight: " + e);
    assertEquals(0, e.lineModelDoubt(), "the line model reads what was chosen: " + e);
    assertEquals(Math.log(0.9 / 0.05), e.weakestMargin(), 1e-5, "both digits 0.9 against 0.05");
    assertEquals(Math.log(0.9), e.weakestDigit(), 1e-6);
  }

  @Test
  void aDigitTheModelIsUnsureOfTakesItsSecondChoiceWhenTheLineModelSeesThat() {
    // the 4 looks a little more like a 9 to the digit model
    List<Prediction> p = List.of(prediction(1, 0.9, 7, 0.05), prediction(9, 0.2, 4, 0.1),
        prediction(9, 0.55, 4, 0.4));
    assertEquals("9", read(p, frames(BLANK, BLANK, 9, 9, BLANK, BLANK)).text());
    assertEquals("14", read(p, frames(BLANK, 1, BLANK, 4, BLANK, BLANK)).text());
    assertEquals("19", read(p, frames(BLANK, 1, BLANK, 9, BLANK, BLANK)).text());
  }

  @Test
  void theLineModelsOwnReadingRelabelsTheSearchsPieces() {
    // both pieces' first choices are wrong (7 and 9), their second choices right (1 and 4): one replacement at a
    // time cannot reach "14"; the line model's reading, put on the search's two pieces, can
    List<Prediction> p = List.of(prediction(7, 0.5, 1, 0.4), prediction(4, 0.3, 1, 0.2),
        prediction(9, 0.55, 4, 0.4));
    assertEquals("14", read(p, frames(1e-3, BLANK, 1, BLANK, 4, BLANK, BLANK)).text());
  }

  @Test
  void theFlagOfAOneStaysPartOfItWhateverTheLineModelCounts() {
    // a 1 whose flag (the first atom) reaches half way up the line: the line model is sure it sees "11"
    Line flagged = new Line(new InkImage(new float[40 * 40], 40, 40), List.of(
        new Atom(new int[0], new Box(0, 20, 10, 40), 0), new Atom(new int[0], new Box(10, 0, 40, 40), 0)), 40,
        new int[] {40});
    List<Prediction> p = List.of(prediction(1, 0.9, 7, 0.05), prediction(1, 0.8, 7, 0.1),
        prediction(1, 0.9, 7, 0.05));
    float[] sure11 = frames(1e-4, BLANK, 1, BLANK, 1, BLANK, BLANK);
    LineRescoring.Reading one = read(flagged, p, 0, sure11);
    assertEquals("1", one.text());
    assertTrue(one.evidence().lineModelDoubt() > 5, "the line model is sure of another reading: " + one.evidence());
    // the same frames and scores with a full-height first piece: two digits
    assertEquals("11", read(GLYPH, p, 0, sure11).text());
  }

  @Test
  void theWholeGlyphsSettleALineWhenTheLineModelReadsWhatTheyReadAndEveryDigitIsClear() {
    // two glyphs 10 pixels apart: candidates (0,1), (0,2) joined, (1,2); the first round scores the two whole ones
    Line two = new Line(new InkImage(new float[40 * 40], 40, 40), List.of(
        new Atom(new int[0], new Box(0, 0, 15, 40), 0), new Atom(new int[0], new Box(25, 0, 40, 40), 1)), 40,
        new int[] {15, 15});
    List<ReadingSearch.Segment> all = ReadingSearch.candidates(two, ReadingPrior.DIGITS_ONLY, 0);
    assertEquals(3, all.size());
    List<ReadingSearch.Segment> glyphs = all.stream().filter(s -> ReadingSearch.wholeGlyph(two, s)).toList();
    assertEquals(List.of(new ReadingSearch.Segment(0, 1), new ReadingSearch.Segment(1, 2)), glyphs);
    PreparedImage p = new PreparedImage(two, glyphs, List.of(new float[784], new float[784]), 0, null, all);
    assertTrue(p.partial());
    List<Prediction> clear = List.of(prediction(1, 0.95, 7, 0.01), prediction(4, 0.95, 9, 0.01));
    float[] sees14 = frames(BLANK, 1, BLANK, 4, BLANK, BLANK);
    assertTrue(ReadingChoice.settled(p, clear, new ReadingChoice.Frames(sees14, 0, 6, CLASSES),
        ReadingPrior.DIGITS_ONLY));
    float[] sees4 = frames(BLANK, BLANK, 4, 4, BLANK, BLANK);
    assertFalse(ReadingChoice.settled(p, clear, new ReadingChoice.Frames(sees4, 0, 6, CLASSES),
        ReadingPrior.DIGITS_ONLY), "the line model counts one digit: the joins and cuts must be scored");
    List<Prediction> unclear = List.of(prediction(1, 0.5, 7, 0.4), prediction(4, 0.9, 9, 0.05));
    assertFalse(ReadingChoice.settled(p, unclear, new ReadingChoice.Frames(sees14, 0, 6, CLASSES),
        ReadingPrior.DIGITS_ONLY), "a 1 barely likelier than a 7");
    PreparedImage expectsThree = new PreparedImage(two, glyphs, p.inputs(), 3, null, all);
    assertFalse(ReadingChoice.settled(expectsThree, clear, new ReadingChoice.Frames(sees14, 0, 6, CLASSES),
        ReadingPrior.DIGITS_ONLY), "not the length asked for");
  }

  @Test
  void anExpectedLengthIsKept() {
    List<Prediction> p = List.of(prediction(1, 0.9, 7, 0.05), prediction(4, 0.6, 1, 0.2),
        prediction(4, 0.9, 9, 0.05));
    assertEquals("4", read(GLYPH, p, 1, frames(BLANK, 1, BLANK, 4, BLANK, BLANK)).text());
  }
}
