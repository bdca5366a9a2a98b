package digits.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.DigitRecognizer;
import digits.predict.Gathering;
import digits.predict.Handwriting;
import digits.predict.ReadRequest;
import digits.predict.ShortMnistModel;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoded pixels being read at once are bounded: beyond the budget, 503, and the pixels come back. */
class PixelBudgetTest {
  @Test
  void anImageThatDoesNotFitWithThoseBeingReadIsA503UntilTheyAreDone() throws Exception {
    BufferedImage seven = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    int budget = seven.getWidth() * seven.getHeight() + 10;
    try (DigitRecognizer recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
        Gathering gathering = recognizer.gathering(Duration.ofMillis(500), 8, n -> { })) {
      Answers answers = new Answers(recognizer, gathering, Map.of(), new Metrics(Set.of(), () -> 0, () -> 0),
          budget);
      var first = answers.reading(seven, ReadRequest.ONE_DIGIT); // waits in the gathering window
      ClientError busy = assertThrows(ClientError.class, () -> answers.reading(seven, ReadRequest.ONE_DIGIT));
      assertEquals(503, busy.status);
      assertTrue(busy.getMessage().startsWith("busy: "), busy.getMessage());
      assertEquals("7", first.get().text());
      assertEquals("7", answers.reading(seven, ReadRequest.ONE_DIGIT).get().text(), "its pixels came back");
    }
  }
}
