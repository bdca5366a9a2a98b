package digits.devset;

import digits.data.LabeledImages;
import digits.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The real-world development set: digits that are not MNIST's training images, drawn the ways people's digits
 * reach the recognizer. Five categories, each in a tuning part (for choices) and a held-out part (only reported):
 *
 * <ul>
 *   <li>{@code font-digit}: single digits in handwriting fonts (tuning and held-out fonts are different
 *       families), varied size, slant, rotation, stroke weight, blur and resolution;</li>
 *   <li>{@code font-string}: strings of 2 to 8 digits in those fonts, spacing from overlapping to wide, some with
 *       broken strokes;</li>
 *   <li>{@code lowres}: MNIST digits at 8x8 with 17 grey levels (as in low-resolution scanned forms), shown at
 *       64x64 (validation digits for tuning, test digits held out);</li>
 *   <li>{@code photo}: single font and MNIST digits photographed: paper tone, ink colour, uneven light, ruled or
 *       squared paper, noise, slight perspective, blur, JPEG;</li>
 *   <li>{@code mnist-string}: strings of 2 to 8 MNIST digits (5 on average), touching and overlapping
 *       neighbours included, a third of them photographed.</li>
 * </ul>
 *
 * Everything is drawn from one seed: the same seed and fonts give the same files.
 */
public final class DevSet {
  public static final List<String> CATEGORIES = List.of("font-digit", "font-string", "lowres", "photo",
      "mnist-string");
  /** The categories of real envelope digits, written when the USPS file is given. */
  public static final List<String> USPS_CATEGORIES = List.of("usps-digit", "usps-zip", "usps-zip9", "usps-photo");
  public static final String LABELS = "labels.csv";

  private final LabeledImages validation;
  private final LabeledImages test;
  private final Usps usps;
  private final long seed;
  private final int perCategory;

  /** USPS envelope digits for the tuning part and for the held-out part (never the file's training part). */
  public record Usps(LabeledImages tuning, LabeledImages heldOut) {}

  /**
   * @param validation MNIST digits that training does not learn from (the validation split), for the tuning part
   * @param test MNIST test digits, for the held-out part
   * @param perCategory images per category and part
   */
  public DevSet(LabeledImages validation, LabeledImages test, long seed, int perCategory) {
    this(validation, test, null, seed, perCategory);
  }

  /** A set with the {@link #USPS_CATEGORIES} too, drawn from {@code usps} (null: without them). */
  public DevSet(LabeledImages validation, LabeledImages test, Usps usps, long seed, int perCategory) {
    this.validation = validation;
    this.test = test;
    this.usps = usps;
    this.seed = seed;
    this.perCategory = perCategory;
  }

  /** One image of the set: its path relative to the set's folder and what it shows. */
  public record Item(String path, String text, String category, String part) {}

  /** Writes the set to {@code dir} (replacing it whole, never half-written) and returns its items. */
  public List<Item> write(Path dir) throws IOException {
    List<Font> tuningFonts = HandwritingFonts.load(HandwritingFonts.TUNING);
    List<Font> heldOutFonts = HandwritingFonts.load(HandwritingFonts.HELD_OUT);
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    if (Files.exists(tmp)) {
      AtomicFiles.deleteTree(tmp);
    }
    List<Item> items = new ArrayList<>();
    for (String part : List.of("tuning", "heldout")) {
      List<Font> fonts = part.equals("tuning") ? tuningFonts : heldOutFonts;
      LabeledImages mnist = part.equals("tuning") ? validation : test;
      List<String> categories = categories();
      LabeledImages envelopes = usps == null ? null : part.equals("tuning") ? usps.tuning() : usps.heldOut();
      for (int c = 0; c < categories.size(); c++) {
        String category = categories.get(c);
        SplittableRandom r = new SplittableRandom(seed * 31 + c * 7 + (part.equals("tuning") ? 0 : 1000));
        Path folder = Files.createDirectories(tmp.resolve(part).resolve(category));
        int[] dims = new int[2];
        for (int i = 0; i < perCategory; i++) {
          String text = category.endsWith("string") ? digits(r, 2 + r.nextInt(7))
              : category.equals("usps-zip9") || (category.equals("usps-photo") && r.nextDouble() < 0.3) ? digits(r, 9)
              : category.startsWith("usps-") && !category.equals("usps-digit") ? digits(r, 5)
              : category.equals("usps-digit") ? String.valueOf(envelopes.label(i % envelopes.size())) : digits(r, 1);
          boolean jpeg = category.equals("photo") || category.equals("usps-photo")
              || (category.equals("mnist-string") && r.nextDouble() < 0.33);
          BufferedImage image = switch (category) {
            case "usps-digit" -> ScannedDigits.envelopeDigit(envelopes, i % envelopes.size(), r);
            case "usps-zip", "usps-zip9" -> Raster.toImage(ScannedDigits.zipLine(text, envelopes, r, dims), dims[0],
                dims[1]);
            case "usps-photo" -> ScannedDigits.photographed(ScannedDigits.zipLine(text, envelopes, r, dims), dims, r);
            case "font-digit" -> fontDigit(text, fonts.get(r.nextInt(fonts.size())), r);
            case "font-string" -> fontString(text, fonts.get(r.nextInt(fonts.size())), r);
            case "lowres" -> ScannedDigits.lowres(mnist, text.charAt(0) - '0', r);
            case "photo" -> photo(text, fonts, mnist, r);
            default -> ScannedDigits.mnistString(text, mnist, r, jpeg);
          };
          String name = String.format(Locale.ROOT, "%04d.%s", i, jpeg ? "jpg" : "png");
          write(image, folder.resolve(name), jpeg ? r.nextDouble(0.6, 0.92) : 0);
          items.add(new Item(part + "/" + category + "/" + name, text, category, part));
        }
      }
    }
    try (var csv = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(tmp.resolve(LABELS)),
        org.apache.commons.csv.CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
      csv.printRecord("path", "text", "category", "part");
      for (Item item : items) {
        csv.printRecord(item.path(), item.text(), item.category(), item.part());
      }
    }
    AtomicFiles.replaceFolder(tmp, dir);
    return items;
  }

  /** The categories this set writes: {@link #CATEGORIES}, and {@link #USPS_CATEGORIES} when it has USPS digits. */
  public List<String> categories() {
    if (usps == null) {
      return CATEGORIES;
    }
    List<String> all = new ArrayList<>(CATEGORIES);
    all.addAll(USPS_CATEGORIES);
    return List.copyOf(all);
  }

  private static String digits(SplittableRandom r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(r.nextInt(10));
    }
    return s.toString();
  }

  // ---- fonts ----

  /**
   * The outline of {@code text} laid out digit by digit. A spacing of 0 or more is the gap between digits as a
   * share of the size; below 0, neighbours overlap by that share of the narrower one's width (touching digits,
   * never one hidden inside another).
   */
  private static Shape outline(String text, Font font, double size, double spacing, SplittableRandom r) {
    Font f = font.deriveFont((float) size);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    java.awt.geom.Path2D all = new java.awt.geom.Path2D.Double();
    double x = 0;
    double previous = 0;
    for (char ch : text.toCharArray()) {
      GlyphVector gv = f.createGlyphVector(frc, String.valueOf(ch));
      Shape glyph = gv.getOutline();
      Rectangle2D b = glyph.getBounds2D();
      if (previous > 0) {
        x += spacing >= 0 ? spacing * size : spacing * Math.min(previous, b.getWidth());
      }
      AffineTransform t = new AffineTransform();
      t.translate(x - b.getX(), r.nextDouble(-0.04, 0.04) * size);
      t.rotate(Math.toRadians(r.nextDouble(-4, 4)), b.getCenterX(), b.getCenterY());
      all.append(t.createTransformedShape(glyph), false);
      x += b.getWidth();
      previous = b.getWidth();
    }
    return all;
  }

  /** Fills (and strokes, for weight) {@code shape} slanted and rotated, on a canvas with margins; darkness. */
  private static float[] draw(Shape shape, double size, SplittableRandom r, int[] dims, boolean brokenStrokes) {
    AffineTransform t = new AffineTransform();
    t.rotate(Math.toRadians(r.nextDouble(-8, 8)));
    t.shear(-Math.tan(Math.toRadians(r.nextDouble(-14, 14))), 0);
    Shape s = t.createTransformedShape(shape);
    Rectangle2D b = s.getBounds2D();
    double margin = size * r.nextDouble(0.15, 0.5);
    int w = (int) Math.ceil(b.getWidth() + 2 * margin);
    int h = (int) Math.ceil(b.getHeight() + 2 * margin);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.translate(margin - b.getX(), margin - b.getY());
      g.setColor(Color.BLACK);
      g.fill(s);
      double weight = r.nextDouble(-0.01, 0.05) * size;
      if (weight > 0.5) {
        g.setStroke(new BasicStroke((float) weight, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
      }
      if (brokenStrokes) {
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(1.5, size * 0.05)));
        for (int k = 0; k < 1 + r.nextInt(2); k++) {
          double x = b.getX() + r.nextDouble() * b.getWidth();
          double y = b.getY() + r.nextDouble() * b.getHeight();
          double a = r.nextDouble(0, Math.PI);
          double len = size * 0.25;
          g.draw(new java.awt.geom.Line2D.Double(x, y, x + len * Math.cos(a), y + len * Math.sin(a)));
        }
      }
    } finally {
      g.dispose();
    }
    dims[0] = w;
    dims[1] = h;
    return Raster.darkness(image);
  }

  /** Degrades resolution and focus at random, as small or soft captures do. */
  private static float[] degrade(float[] v, int[] dims, double size, SplittableRandom r) {
    int w = dims[0];
    int h = dims[1];
    double choice = r.nextDouble();
    if (choice < 0.3) {
      double scale = r.nextDouble(10, 18) / size;
      int sw = Math.max(4, (int) Math.round(w * scale));
      int sh = Math.max(4, (int) Math.round(h * scale));
      float[] small = Raster.resize(v, w, h, sw, sh);
      return Raster.resize(small, sw, sh, w, h);
    }
    if (choice < 0.5) {
      return Raster.blur(v, w, h, r.nextDouble(0.5, 0.06 * size + 0.6));
    }
    return v;
  }

  private static BufferedImage fontDigit(String text, Font font, SplittableRandom r) {
    double size = r.nextDouble(28, 120);
    int[] dims = new int[2];
    float[] v = draw(outline(text, font, size, 0, r), size, r, dims, r.nextDouble() < 0.15);
    return Raster.toImage(degrade(v, dims, size, r), dims[0], dims[1]);
  }

  private static BufferedImage fontString(String text, Font font, SplittableRandom r) {
    double size = r.nextDouble(28, 90);
    double spacing = r.nextDouble() < 0.3 ? r.nextDouble(-0.2, 0.02) : r.nextDouble(0.02, 0.35);
    int[] dims = new int[2];
    float[] v = draw(outline(text, font, size, spacing, r), size, r, dims, r.nextDouble() < 0.25);
    return Raster.toImage(degrade(v, dims, size, r), dims[0], dims[1]);
  }

  private static BufferedImage photo(String text, List<Font> fonts, LabeledImages data, SplittableRandom r) {
    int[] dims = new int[2];
    float[] v;
    if (r.nextBoolean()) {
      double size = r.nextDouble(40, 140);
      v = draw(outline(text, fonts.get(r.nextInt(fonts.size())), size, 0, r), size, r, dims, false);
    } else {
      v = ScannedDigits.mnistLine(text, data, r, dims);
    }
    // Photos are taken with room around the digit.
    int pad = (int) (dims[1] * r.nextDouble(0.1, 0.5));
    float[] framed = ScannedDigits.frame(v, dims, pad, pad);
    return Scene.photograph(framed, dims[0], dims[1], Scene.Conditions.random(r), r);
  }

  private static void write(BufferedImage image, Path file, double jpegQuality) throws IOException {
    if (jpegQuality <= 0) {
      ImageIO.write(image, "png", file.toFile());
      return;
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (OutputStream out = Files.newOutputStream(file);
        ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality((float) jpegQuality);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
