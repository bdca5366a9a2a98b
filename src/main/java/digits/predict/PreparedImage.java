package digits.predict;

import digits.predict.ink.InkImage;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.search.ReadingPrior;
import digits.predict.search.ReadingSearch;
import digits.predict.segment.Line;
import digits.predict.segment.LineInput;
import digits.predict.segment.LineSkew;
import digits.predict.segment.Segmenter;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image made ready for the models: its pieces of ink ({@code line}, null when it is read as one digit), the
 * candidate digits prepared so far with the 28x28 input of each ({@code candidates}, {@code inputs}: all of
 * {@link ReadingSearch#candidates}, or only the line's whole glyphs in a first round, see {@link #complete}), and the
 * line model's input for the whole line ({@code wholeLine}, null when there is no line model).
 *
 * @param all every candidate the search may use, in its order; {@code candidates} is all of them or a part
 */
public record PreparedImage(Line line, List<ReadingSearch.Segment> candidates, List<float[]> inputs,
    int expectedLength, float[] wholeLine, List<ReadingSearch.Segment> all) {

  /**
   * Prepares {@code image}: as one digit when the request says so, else as a line (turned level first when it is
   * tilted, {@link LineSkew}) whose candidates {@code prior} allows, with its line model input when {@code whole}.
   *
   * @throws IllegalArgumentException "no digit found" when the image holds no ink larger than a speck
   */
  static PreparedImage of(BufferedImage image, ReadRequest request, ReadingPrior prior, boolean whole) {
    return of(image, request, prior, whole, WorkBudget.start());
  }

  /**
   * As above, within {@code budget}. With a line model ({@code whole}), only the whole glyphs' inputs are prepared
   * (a first round: {@link #complete} prepares the rest when the line model and the glyphs do not settle the
   * reading); without one, every candidate's.
   *
   * @throws UnreadableImageException also when the budget is spent
   */
  static PreparedImage of(BufferedImage image, ReadRequest request, ReadingPrior prior, boolean whole,
      WorkBudget budget) {
    if (request.oneDigit()) {
      return new PreparedImage(null, List.of(), List.of(oneDigit(image)), 0, null, List.of());
    }
    int expectedLength = request.expectedLength();
    Line line = Segmenter.atoms(InkImage.of(image), expectedLength);
    double tilt = LineSkew.degrees(line);
    if (tilt != 0) {
      budget.check(line.atoms().size(), 0);
      line = Segmenter.atoms(LineSkew.turn(line.ink(), tilt), expectedLength);
    }
    List<ReadingSearch.Segment> all = ReadingSearch.candidates(line, prior, expectedLength);
    List<ReadingSearch.Segment> first = whole ? wholeGlyphs(line, all) : all;
    return new PreparedImage(line, first, render(line, first, budget, all.size()), expectedLength,
        whole ? LineInput.of(line) : null, all);
  }

  /** Whether some candidates are not prepared yet ({@link #complete}). */
  boolean partial() {
    return candidates.size() < all.size();
  }

  /**
   * What the first round scores: the line's whole glyphs, when there is a line model to check them against;
   * otherwise all of it.
   */
  PreparedImage firstRound() {
    if (line == null || wholeLine == null) {
      return this;
    }
    List<ReadingSearch.Segment> glyphs = wholeGlyphs(line, candidates);
    if (glyphs.size() == candidates.size()) {
      return this;
    }
    java.util.Set<ReadingSearch.Segment> keep = new java.util.HashSet<>(glyphs);
    List<float[]> glyphInputs = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (keep.contains(candidates.get(i))) {
        glyphInputs.add(inputs.get(i));
      }
    }
    return new PreparedImage(line, glyphs, glyphInputs, expectedLength, wholeLine, all);
  }

  /** Those of {@code segments} that are whole glyphs of {@code line} ({@link ReadingSearch#wholeGlyph}), in order. */
  private static List<ReadingSearch.Segment> wholeGlyphs(Line line, List<ReadingSearch.Segment> segments) {
    return segments.stream().filter(s -> ReadingSearch.wholeGlyph(line, s)).toList();
  }

  /**
   * This image with every candidate prepared: the first round's inputs kept, the rest rendered within a budget of
   * their own ({@link WorkBudget}).
   *
   * @throws UnreadableImageException when the budget is spent
   */
  PreparedImage complete() {
    if (!partial()) {
      return this;
    }
    WorkBudget budget = WorkBudget.start();
    java.util.Map<ReadingSearch.Segment, float[]> done = new java.util.HashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      done.put(candidates.get(i), inputs.get(i));
    }
    List<float[]> out = new ArrayList<>(all.size());
    for (ReadingSearch.Segment s : all) {
      float[] ready = done.get(s);
      out.add(ready != null ? ready : render(line, List.of(s), budget, all.size()).get(0));
    }
    return new PreparedImage(line, all, out, expectedLength, wholeLine, all);
  }

  /** The inputs of {@code segments}, checking {@code budget} before each ({@code candidates}: how many in all). */
  private static List<float[]> render(Line line, List<ReadingSearch.Segment> segments, WorkBudget budget,
      int candidates) {
    List<float[]> inputs = new ArrayList<>(segments.size());
    for (ReadingSearch.Segment s : segments) {
      budget.check(line.atoms().size(), candidates);
      inputs.add(MnistPreprocessor.prepare(Segmenter.render(line, s.from(), s.to())));
    }
    return inputs;
  }

  /** The model's input for an image of one digit: all of its ink together ({@link DigitRecognizer#input}). */
  static float[] oneDigit(BufferedImage image) {
    Line line = Segmenter.atoms(InkImage.of(image), 0);
    return MnistPreprocessor.prepare(Segmenter.render(line, 0, line.atoms().size()));
  }
}
