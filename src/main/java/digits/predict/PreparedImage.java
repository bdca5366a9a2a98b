package digits.predict;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image made ready for the models: its pieces of ink ({@code line}, null when it is read as one digit), the
 * 28x28 input of each candidate digit ({@link ReadingSearch#candidates}), and the line model's input for the whole
 * line ({@code wholeLine}, null when there is no line model).
 */
record PreparedImage(Segmenter.Line line, List<ReadingSearch.Segment> candidates, List<float[]> inputs,
    int expectedLength, float[] wholeLine) {

  /**
   * Prepares {@code image}: as one digit when {@code single}, else as a line (turned level first when it is tilted,
   * {@link LineSkew}) whose candidates {@code prior} allows, with its line model input when {@code whole}.
   *
   * @throws IllegalArgumentException "no digit found" when the image holds no ink larger than a speck
   */
  static PreparedImage of(BufferedImage image, boolean single, int expectedLength, ReadingPrior prior,
      boolean whole) {
    if (single) {
      return new PreparedImage(null, List.of(), List.of(DigitRecognizer.input(image)), 0, null);
    }
    Segmenter.Line line = Segmenter.atoms(InkImage.of(image), expectedLength);
    double tilt = LineSkew.degrees(line);
    if (tilt != 0) {
      line = Segmenter.atoms(LineSkew.turn(line.ink(), tilt), expectedLength);
    }
    List<ReadingSearch.Segment> candidates = ReadingSearch.candidates(line, prior, expectedLength);
    List<float[]> inputs = new ArrayList<>();
    for (ReadingSearch.Segment s : candidates) {
      inputs.add(MnistPreprocessor.prepare(Segmenter.render(line, s.from(), s.to())));
    }
    return new PreparedImage(line, candidates, inputs, expectedLength, whole ? LineInput.of(line) : null);
  }
}
