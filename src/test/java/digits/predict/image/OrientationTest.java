package digits.predict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import digits.predict.Handwriting;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrientationTest {
  private static final int W = 3;
  private static final int H = 2;

  /** A stored image whose every pixel is distinct: value x + 10 y in the blue channel. */
  private static BufferedImage stored() {
    BufferedImage s = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        s.setRGB(x, y, x + 10 * y);
      }
    }
    return s;
  }

  /** Where displayed pixel (x, y) comes from in the stored image, per the EXIF specification. */
  private static int expected(int orientation, int x, int y) {
    int[] src = switch (orientation) {
      case 1 -> new int[] {x, y};
      case 2 -> new int[] {W - 1 - x, y};
      case 3 -> new int[] {W - 1 - x, H - 1 - y};
      case 4 -> new int[] {x, H - 1 - y};
      case 5 -> new int[] {y, x};
      case 6 -> new int[] {y, H - 1 - x};
      case 7 -> new int[] {W - 1 - y, H - 1 - x};
      case 8 -> new int[] {W - 1 - y, x};
      default -> throw new IllegalArgumentException();
    };
    return src[0] + 10 * src[1];
  }

  @Test
  void everyExifOrientationIsTurnedUpright() {
    for (int o = 1; o <= 8; o++) {
      BufferedImage d = Orientation.upright(stored(), o);
      int dw = o >= 5 ? H : W;
      int dh = o >= 5 ? W : H;
      assertEquals(dw, d.getWidth(), "width, orientation " + o);
      assertEquals(dh, d.getHeight(), "height, orientation " + o);
      for (int y = 0; y < dh; y++) {
        for (int x = 0; x < dw; x++) {
          assertEquals(expected(o, x, y), d.getRGB(x, y) & 0xFF, "orientation " + o + " at " + x + "," + y);
        }
      }
    }
  }

  @Test
  void imagesWithoutExifAreTakenAsTheyAre() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(stored(), "png", png);
    assertEquals(Orientation.NORMAL, Orientation.of(new ByteArrayInputStream(png.toByteArray())));
    assertEquals(Orientation.NORMAL, Orientation.of(new ByteArrayInputStream(new byte[] {1, 2, 3})));
  }

  @Test
  void tiffScansAreRead(@TempDir Path dir) throws Exception {
    BufferedImage seven = Handwriting.draw("7", Handwriting.Style.PLAIN, 0);
    Path tiff = dir.resolve("scan.tif");
    ImageIO.write(seven, "tiff", tiff.toFile());
    BufferedImage read = ImageFiles.read(tiff);
    assertEquals(seven.getWidth(), read.getWidth());
    assertEquals(seven.getRGB(60, 60), read.getRGB(60, 60));
    assertEquals(true, Files.size(tiff) > 0);
  }
}
