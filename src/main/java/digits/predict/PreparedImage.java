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
 * 28x28 input of each candidate digit ({@link ReadingSearch#candidates}), and the line model's input for the whole
 * line ({@code wholeLine}, null when there is no line model).
 */
public record PreparedImage(Line line, List<ReadingSearch.Segment> candidates, List<float[]> inputs,
    int expectedLength, float[] wholeLine) {

  /**
   * Prepares {@code image}: as one digit when the request says so, else as a line (turned level first when it is tilted,
   * {@link LineSkew}) whose candidates {@code prior} allows, with its line model input when {@code whole}.
   *
   * @throws IllegalArgumentException "no digit found" when the image holds no ink larger than a speck
   */
  static PreparedImage of(BufferedImage image, ReadRequest request, ReadingPrior prior, boolean whole) {
    return of(image, request, prior, whole, WorkBudget.start());
  }

  /**
   * As above, within {@code budget}.
   *
   * @throws UnreadableImageException also when the budget is spent
   */
  static PreparedImage of(BufferedImage image, ReadRequest request, ReadingPrior prior, boolean whole,
      WorkBudget budget) {
    if (request.oneDigit()) {
      return new PreparedImage(null, List.of(), List.of(oneDigit(image)), 0, null);
    }
    int expectedLength = request.expectedLength();
    Line line = Segmenter.atoms(InkImage.of(image), expectedLength);
    double tilt = LineSkew.degrees(line);
    if (tilt != 0) {
      budget.check(line.atoms().size(), 0);
      line = Segmenter.atoms(LineSkew.turn(line.ink(), tilt), expectedLength);
    }
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(line, prior, expectedLength);
    List<float[]> inputs = new ArrayList<>();
    for (ReadingSearch.Segment s : candidates) {
      budget.check(line.atoms().size(), candidates.size());
      inputs.add(MnistPreprocessor.prepare(Segmenter.render(line, s.from(), s.to())));
    }
    return new PreparedImage(line, candidates, inputs, expectedLength, whole ? LineInput.of(line) : null);
  }

  /** The model's input for an image of one digit: all of its ink together ({@link DigitRecognizer#input}). */
  static float[] oneDigit(BufferedImage image) {
    Line line = Segmenter.atoms(InkImage.of(image), 0);
    return MnistPreprocessor.prepare(Segmenter.render(line, 0, line.atoms().size()));
  }
}
