package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** USPS files written here: one digit a line, its label then 16x16 grey levels in [-1, 1]. */
class UspsDigitsTest {
  @TempDir Path dir;

  /** A line for a digit {@code label} whose ink is a vertical bar {@code width} wide, rows 0 to 15. */
  private static String line(int label, int width) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d.0000", label));
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        s.append(x >= 8 - width / 2 && x < 8 - width / 2 + width ? " 1.0000" : " -1.0000");
      }
    }
    return s.append('\n').toString();
  }

  private Path file(String name, String text, boolean gzip) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return f;
  }

  @Test
  void thePartsSplitTheFileByIndexAndNeverShareADigit() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append(line(i, 2 + i % 3));
    }
    Path gz = file("zip.train.gz", text.toString(), true);
    LabeledImages train = UspsDigits.read(gz, UspsDigits.Part.TRAIN);
    LabeledImages tuning = UspsDigits.read(gz, UspsDigits.Part.TUNING);
    LabeledImages heldOut = UspsDigits.read(gz, UspsDigits.Part.HELD_OUT);
    assertEquals(6, train.size(), "three in five train");
    assertArrayEquals(new byte[] {0, 1, 2, 5, 6, 7}, train.labels());
    assertArrayEquals(new byte[] {3, 8}, tuning.labels());
    assertArrayEquals(new byte[] {4, 9}, heldOut.labels());
    assertEquals(28, train.height());
    assertArrayEquals(train.pixels(), UspsDigits.read(file("zip.train", text.toString(), false),
        UspsDigits.Part.TRAIN).pixels(), "raw and gzip read alike");
  }

  @Test
  void aDigitIsPreparedAsMnistsWere() throws Exception {
    LabeledImages one = UspsDigits.read(file("one", line(1, 2), false), UspsDigits.Part.TRAIN);
    int top = 28;
    int bottom = -1;
    double mass = 0;
    double mx = 0;
    for (int p = 0; p < 784; p++) {
      int v = one.pixels()[p] & 0xFF;
      if (v > 25) {
        top = Math.min(top, p / 28);
        bottom = Math.max(bottom, p / 28);
      }
      mass += v;
      mx += v * (p % 28);
    }
    assertTrue(bottom - top + 1 >= 19 && bottom - top + 1 <= 21, "20 pixels high, as MNIST's box: " + top + ".."
        + bottom);
    assertEquals(13.5, mx / mass, 0.3, "the ink's centre of mass in the middle");
  }

  @Test
  void badFilesAreOneErrorNamingTheFileAndTheLine() throws Exception {
    Path shortLine = file("short", line(3, 2) + "4.0000 1.0 -1.0\n", false);
    var e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(shortLine, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().startsWith(shortLine + ": line 2 has 3 values"), e.getMessage());
    Path label = file("label", line(3, 2).replaceFirst("^3\\.0000", "12.0000"), false);
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(label, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().contains("line 1: label 12.0000 is not a digit"), e.getMessage());
    Path grey = file("grey", line(3, 2).replaceFirst(" -1\\.0000", " 7.5"), false);
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(grey, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().contains("grey level 7.5 outside [-1, 1]"), e.getMessage());
    Path text = file("text", line(3, 2).replaceFirst(" -1\\.0000", " ink"), false);
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(text, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().contains("line 1: not a number"), e.getMessage());
    Path empty = file("empty", "\n", false);
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(empty, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().contains("no digits"), e.getMessage());
    byte[] gz = Files.readAllBytes(file("whole.gz", line(1, 2) + line(2, 2), true));
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(cut, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().startsWith(cut + ": damaged gzip stream"), e.getMessage());
    Path missing = dir.resolve("missing.gz");
    e = assertThrows(InvalidDataException.class, () -> UspsDigits.read(missing, UspsDigits.Part.TRAIN));
    assertTrue(e.getMessage().startsWith(missing + ": no such file (the USPS envelope digits"), e.getMessage());
  }
}
