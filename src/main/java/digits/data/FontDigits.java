package digits.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Digits drawn in handwriting fonts, for adding to a training split: shapes MNIST's writers rarely used (a 1 with a
 * flag, a 7 with a bar, an open 4, a 9 with a straight tail, brush strokes). Each is drawn in its own font, slant,
 * rotation and stroke weight and centred as MNIST's digits were (longer side 20 pixels, anti-aliased, centre of
 * mass in the middle of 28x28); the same seed draws the same images. The fonts are Debian packages; none of them
 * is one the development set is drawn in or one kept for independent checks.
 */
public final class FontDigits {
  static final List<FontFiles.Source> FONTS = List.of(
      new FontFiles.Source("fonts-ecolier-court", Path.of("/usr/share/fonts/truetype/ecolier-court/Ecolier-court.ttf")),
      new FontFiles.Source("fonts-kiloji", Path.of("/usr/share/fonts/truetype/kiloji/kiloji.ttf")),
      new FontFiles.Source("fonts-kiloji", Path.of("/usr/share/fonts/truetype/kiloji/kiloji_b.ttf")),
      new FontFiles.Source("fonts-leckerli-one", Path.of("/usr/share/fonts/truetype/leckerli-one/LeckerliOne-Regular.ttf")),
      new FontFiles.Source("fonts-opendyslexic", Path.of("/usr/share/fonts/opentype/opendyslexic/OpenDyslexic-Regular.otf")),
      new FontFiles.Source("fonts-opendyslexic", Path.of("/usr/share/fonts/opentype/opendyslexic/OpenDyslexic-Italic.otf")),
      new FontFiles.Source("fonts-aoyagi-soseki", Path.of("/usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf")),
      new FontFiles.Source("fonts-kouzan-mouhitsu", Path.of("/usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu.ttf")),
      new FontFiles.Source("fonts-kouzan-mouhitsu",
          Path.of("/usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu-gyosho.ttf")),
      new FontFiles.Source("fonts-nanum-extra", Path.of("/usr/share/fonts/truetype/nanum/NanumPen.ttf")),
      new FontFiles.Source("fonts-nanum-extra", Path.of("/usr/share/fonts/truetype/nanum/NanumBrush.ttf")),
      new FontFiles.Source("fonts-nanum-extra", Path.of("/usr/share/fonts/truetype/nanum/NanumBarunpenR.ttf")),
      new FontFiles.Source("fonts-nanum-extra", Path.of("/usr/share/fonts/truetype/nanum/NanumBarunpenB.ttf")),
      new FontFiles.Source("fonts-tomsontalks", Path.of("/usr/share/fonts/truetype/tomsontalks/TomsonTalks.ttf")),
      new FontFiles.Source("fonts-yusei-magic", Path.of("/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf")),
      new FontFiles.Source("fonts-aoyagi-kouzan-t", Path.of("/usr/share/fonts/truetype/aoyagi-kouzan-t/AoyagiKouzanT.ttf")),
      new FontFiles.Source("fonts-navilu", Path.of("/usr/share/fonts/truetype/Navilu/Navilu.ttf")));

  private static final int SIZE = 28;
  /** Drawn at this many times the final size, then averaged down. */
  private static final int SUPER = 4;
  /** The longer side of a digit's box, as in MNIST. */
  private static final int BOX = 20;

  private FontDigits() {}

  /** The Debian packages of the fonts, for the install line. */
  static List<String> packages() {
    return FONTS.stream().map(FontFiles.Source::pkg).distinct().toList();
  }

  /**
   * {@code count} 28x28 digits (labels 0 to 9 in turn), drawn with {@code seed}.
   *
   * @throws IOException when a font is missing (the message names the packages to install) or unreadable
   */
  public static LabeledImages draw(int count, long seed) throws IOException {
    return draw(FontFiles.load(FONTS, "handwriting fonts for training", packages()), count, seed);
  }

  /** {@code count} 28x28 digits drawn in {@code fonts} with {@code seed}. */
  static LabeledImages draw(List<Font> fonts, int count, long seed) {
    byte[] pixels = new byte[count * SIZE * SIZE];
    byte[] labels = new byte[count];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      int digit = i % 10;
      labels[i] = (byte) digit;
      float[] image = draw(fonts.get(random.nextInt(fonts.size())), digit, random);
      for (int p = 0; p < image.length; p++) {
        pixels[i * SIZE * SIZE + p] = Pixels.level(image[p]);
      }
    }
    return new LabeledImages(pixels, labels, SIZE, SIZE, LabeledImages.DEFAULT_CLASSES);
  }

  /** One digit: slanted, turned and weighted at random, its box fitted to 20 pixels, its mass centred. */
  static float[] draw(Font font, int digit, SplittableRandom random) {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    Shape glyph = font.deriveFont(100f).createGlyphVector(frc, String.valueOf(digit)).getOutline();
    AffineTransform shape = new AffineTransform();
    shape.rotate(Math.toRadians(random.nextDouble(-8, 8)));
    shape.shear(random.nextDouble(-0.3, 0.3), 0);
    Shape turned = shape.createTransformedShape(glyph);
    Rectangle2D b = turned.getBounds2D();
    int big = SIZE * SUPER;
    double scale = BOX * SUPER / Math.max(b.getWidth(), b.getHeight());
    AffineTransform place = new AffineTransform();
    place.translate(big / 2.0, big / 2.0);
    place.scale(scale, scale);
    place.translate(-b.getCenterX(), -b.getCenterY());
    Shape placed = place.createTransformedShape(turned);
    BufferedImage canvas = new BufferedImage(big, big, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fill(placed);
      double weight = random.nextDouble(-1, 1.5) * SUPER; // below 0: the font's own stroke
      if (weight > 0) {
        g.setStroke(new BasicStroke((float) weight, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(placed);
      }
    } finally {
      g.dispose();
    }
    float[] small = new float[SIZE * SIZE];
    var raster = canvas.getRaster();
    for (int y = 0; y < big; y++) {
      for (int x = 0; x < big; x++) {
        small[(y / SUPER) * SIZE + x / SUPER] += raster.getSample(x, y, 0) / (255f * SUPER * SUPER);
      }
    }
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int p = 0; p < small.length; p++) {
      mass += small[p];
      mx += small[p] * (p % SIZE + 0.5);
      my += small[p] * (p / SIZE + 0.5);
    }
    if (mass == 0) {
      return small;
    }
    double dx = mx / mass - SIZE / 2.0;
    double dy = my / mass - SIZE / 2.0;
    float[] out = new float[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        out[y * SIZE + x] = (float) Bilinear.sample(small, SIZE, SIZE, x + dx, y + dy);
      }
    }
    return out;
  }
}
