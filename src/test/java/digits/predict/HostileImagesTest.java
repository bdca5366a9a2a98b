package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.image.ImageFiles;
import digits.predict.ink.UnreadableImageException;
import digits.predict.search.ReadingPrior;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Inputs made to cost gigabytes or minutes: each is bounded before it allocates, or one clear error. */
class HostileImagesTest {
  /** A small PNG with a zTXt chunk of {@code megabytes} MB of zeros, deflated (about a thousandth of that). */
  static byte[] pngWithTextBomb(int megabytes) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), "png", png);
    byte[] plain = png.toByteArray();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.write("Comment".getBytes(StandardCharsets.ISO_8859_1));
    text.write(0);
    text.write(0); // compression method: deflate
    try (DeflaterOutputStream z = new DeflaterOutputStream(text, new Deflater(9), 1 << 16)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < megabytes; i++) {
        z.write(zeros);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 33); // signature and IHDR
    chunk(out, "zTXt", text.toByteArray());
    out.write(plain, 33, plain.length - 33);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  @Test
  void aPngWhoseTextInflatesToGigabytesIsReadWithoutInflatingIt() throws Exception {
    byte[] bomb = pngWithTextBomb(2049); // 2 GB of text in a 2 MB file: more than this JVM may hold
    assertTrue(bomb.length < 8_000_000, "the file itself is small: " + bomb.length);
    BufferedImage image = ImageFiles.decode(bomb, "bomb.png");
    assertEquals(120, image.getHeight(), "the pixels are read; the text is never inflated");
  }

  @Test
  void aBmpThatEmbedsAPngIsRefusedBeforeAnyDecoderSeesIt() {
    byte[] bmp = new byte[54];
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[14] = 40; // BITMAPINFOHEADER
    bmp[18] = 16; // width 16
    bmp[22] = 16; // height 16
    bmp[26] = 1; // planes
    bmp[28] = 0; // bits per pixel 0: the embedded image decides
    bmp[30] = 5; // BI_PNG
    bmp[34] = (byte) 0xff;
    bmp[35] = (byte) 0xff;
    bmp[36] = (byte) 0xff;
    bmp[37] = (byte) 0x7f; // "2 GB of PNG follow"
    IOException e = assertThrows(IOException.class, () -> ImageFiles.decode(bmp, "embed.bmp"));
    assertTrue(e.getMessage().startsWith("embed.bmp: is a BMP that embeds a PNG"), e.getMessage());
  }

  @Test
  void aLargeImageIsDecodedSubsampledToBoundedMemory() throws Exception {
    BufferedImage big = new BufferedImage(6000, 4000, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = big.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 6000, 4000);
    g.drawImage(Handwriting.draw("42", new Handwriting.Style(2000, 0.7, 0.09, Color.BLACK, Color.WHITE, 0), 0.2),
        1000, 1000, null);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(big, "png", png);
    BufferedImage decoded = ImageFiles.decode(png.toByteArray(), "big.png");
    assertTrue((long) decoded.getWidth() * decoded.getHeight() <= ImageFiles.DECODED_PIXELS,
        decoded.getWidth() + "x" + decoded.getHeight());
    assertEquals(2000, decoded.getWidth(), "every third pixel of every third row");
  }

  @Test
  void tenThousandBlobsAreOneClearErrorNotMinutesOfSearch() throws Exception {
    BufferedImage dots = new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = dots.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2000, 2000);
    g.setColor(Color.BLACK);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      g.fillOval(r.nextInt(1990), r.nextInt(1990), 6 + r.nextInt(4), 10 + r.nextInt(6));
    }
    g.dispose();
    UnreadableImageException e = assertThrows(UnreadableImageException.class,
        () -> PreparedImage.of(dots, ReadRequest.LINE, ReadingPrior.forModel(true), false));
    assertTrue(e.getMessage().startsWith("too many pieces of ink ("), e.getMessage());
    assertTrue(e.getMessage().contains("not a line of digits"), e.getMessage());
    try (DigitRecognizer reader = DigitRecognizer.load(ShortMnistModel.savedModel())) {
      List<ReadResult> results = reader.readAll(List.of(ImageToRead.of(dots, ReadRequest.LINE),
          ImageToRead.of(Handwriting.draw("7", Handwriting.Style.PLAIN, 0), ReadRequest.LINE)));
      assertFalse(results.get(0).ok());
      assertEquals(null, results.get(0).failure(), "the image's doing, not a bug");
      assertTrue(results.get(0).error().startsWith("too many pieces of ink"), results.get(0).error());
      assertEquals("7", results.get(1).reading().text(), "the image beside it is read");
    }
  }

  @Test
  void anImageThatOutlastsItsWorkBudgetIsOneClearError() throws Exception {
    BufferedImage zip = Handwriting.draw("90210", Handwriting.Style.PLAIN, 0.25);
    UnreadableImageException e = assertThrows(UnreadableImageException.class,
        () -> PreparedImage.of(zip, ReadRequest.LINE, ReadingPrior.forModel(true), false, WorkBudget.of(0)));
    assertTrue(e.getMessage().startsWith("took more than 0.0 s of work (preparing "), e.getMessage());
    assertTrue(e.getMessage().endsWith("not a line of digits this reader can read"), e.getMessage());
    assertEquals(5, PreparedImage.of(zip, ReadRequest.LINE, ReadingPrior.forModel(true), false,
        WorkBudget.start()).line().atoms().stream().mapToInt(digits.predict.segment.Atom::glyph).distinct().count(),
        "within the budget it is prepared: five glyphs");
  }
}
