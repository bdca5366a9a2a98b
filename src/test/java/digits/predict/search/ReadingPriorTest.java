package digits.predict.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadingPriorTest {
  @Test
  void parsesAllNineValuesInOrder() {
    assertEquals(ReadingPrior.DEFAULT, ReadingPrior.parse("1.0,2.0,0.35,0.8,4.0,4,10.0,1.5,0.5"));
    ReadingPrior heavier = ReadingPrior.parse("1,2,0.35,0.8,4,4,10,1.5,0.75");
    assertEquals(0.75, heavier.lineWeight(), "the line model's weight is the ninth value");
  }

  @Test
  void aWrongCountOrANegativeWeightIsOneClearError() {
    IllegalArgumentException eight = assertThrows(IllegalArgumentException.class,
        () -> ReadingPrior.parse("1.0,2.0,0.35,0.8,4.0,4,10.0,1.5"));
    assertTrue(eight.getMessage().contains("line_weight"), eight.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReadingPrior.parse("1,2,0.35,0.8,4,4,10,1.5,-1"));
    assertThrows(IllegalArgumentException.class, () -> ReadingPrior.parse("1,2,0.35,0.8,4,4,10,1.5,x"));
  }
}
