package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.data.Fixtures;
import digits.data.Idx;
import digits.data.IdxArray;
import digits.data.InvalidDataException;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.export.SavedModelExport;
import digits.model.Architecture;
import digits.model.Network;
import digits.predict.Handwriting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of valid files (bit flips, truncations, header rewrites, appended bytes): each one must end
 * in a valid result or a clear error naming the file; never a crash, a hang or an out-of-memory.
 */
class FuzzTest {
  @TempDir Path tmp;

  /** One mutation of {@code valid}, chosen by {@code r}. */
  static byte[] mutate(byte[] valid, SplittableRandom r, int headerBytes) {
    byte[] b = valid.clone();
    switch (r.nextInt(5)) {
      case 0 -> { // bit flips anywhere
        for (int k = 0, n = 1 + r.nextInt(8); k < n; k++) {
          int i = r.nextInt(b.length);
          b[i] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // truncation
      case 2 -> { // header rewrite: random bytes, often a size field
        for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
          b[r.nextInt(Math.min(headerBytes, b.length))] = (byte) r.nextInt(256);
        }
      }
      case 3 -> { // extreme size fields
        int at = r.nextInt(Math.max(1, Math.min(headerBytes, b.length) - 4));
        int v = switch (r.nextInt(3)) {
          case 0 -> Integer.MAX_VALUE;
          case 1 -> -1 - r.nextInt(1000);
          default -> r.nextInt(1 << 20);
        };
        for (int k = 0; k < 4 && at + k < b.length; k++) {
          b[at + k] = (byte) (v >>> (24 - 8 * k));
        }
      }
      default -> { // appended garbage
        byte[] extra = new byte[1 + r.nextInt(64)];
        r.nextBytes(extra);
        byte[] c = java.util.Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, c, b.length, extra.length);
        b = c;
      }
    }
    return b;
  }

  @Test
  void mutatedIdxFilesEndInAValidArrayOrAClearError() throws Exception {
    LabeledImages d = Fixtures.blocks(12, 10, 3);
    Path raw = tmp.resolve("raw");
    Path gz = tmp.resolve("gz");
    Idx.write(raw, Fixtures.images(d), false);
    Idx.write(gz, Fixtures.images(d), true);
    byte[][] seeds = {Files.readAllBytes(raw), Files.readAllBytes(gz)};
    Path labels = tmp.resolve("labels");
    Idx.write(labels, Fixtures.labels(d), false);
    SplittableRandom r = new SplittableRandom(2026);
    int[] outcomes = new int[2];
    for (int i = 0; i < 1200; i++) {
      Path f = tmp.resolve("m" + i);
      Files.write(f, mutate(seeds[i % 2], r, i % 2 == 0 ? 16 : 40));
      try {
        IdxArray a = Idx.read(f);
        assertEquals(a.data().length, (long) a.count() * a.itemSize());
        LabeledImages.read(f, labels, 10);
        outcomes[0]++;
      } catch (InvalidDataException e) {
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        outcomes[1]++;
      } catch (IOException e) {
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        outcomes[1]++;
      }
      Files.delete(f);
    }
    assertEquals(1200, outcomes[0] + outcomes[1]);
    assertTrue(outcomes[1] > 600, "most mutations are caught: " + outcomes[1]);
  }

  @Test
  void mutatedImagesThroughPredictEachGiveALineOrOneErrorLine() throws Exception {
    Network n = new Network(Architecture.parse("flatten dense(10)"), 28, 28, 10, Normalization.UNIT);
    Path model = tmp.resolve("model");
    SavedModelExport.export(n, n.initialWeights(1), model);
    byte[][] seeds = {encode("png", "7"), encode("jpg", "42"), encode("bmp", "3"), encode("gif", "5")};
    String[] ext = {"png", "jpg", "bmp", "gif"};
    Path folder = Files.createDirectories(tmp.resolve("images"));
    SplittableRandom r = new SplittableRandom(7);
    int files = 1000;
    for (int i = 0; i < files; i++) {
      Files.write(folder.resolve(String.format("f%04d.%s", i, ext[i % 4])), mutate(seeds[i % 4], r, 64));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"predict", "--model", model.toString(), folder.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    long answers = out.toString().lines().count();
    long errors = err.toString().lines().filter(l -> l.startsWith("digits: error: " + folder)).count();
    assertEquals(files, answers + errors, "every file answered once: " + err.toString().lines().limit(5).toList());
    assertEquals(errors == 0 ? 0 : 1, code);
    assertTrue(err.toString().lines().allMatch(l -> l.startsWith("digits: error: " + folder)), err.toString());
  }

  private static byte[] encode(String format, String digits) throws IOException {
    var image = Handwriting.draw(digits, Handwriting.Style.PLAIN, 0.25);
    if (format.equals("bmp") || format.equals("jpg")) {
      var rgb = new java.awt.image.BufferedImage(image.getWidth(), image.getHeight(),
          java.awt.image.BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(image, 0, 0, null);
      image = rgb;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, bytes), format);
    return bytes.toByteArray();
  }
}
