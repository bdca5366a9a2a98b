package digits.predict;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** Digits drawn as pen strokes with Java2D, for tests: each digit is a path in a unit box (x right, y down). */
public final class Handwriting {
  private Handwriting() {}

  static Shape stroke(int digit) {
    Path2D p = new Path2D.Double();
    switch (digit) {
      case 0 -> p.append(new Ellipse2D.Double(0.18, 0.04, 0.64, 0.92), false);
      case 1 -> {
        p.moveTo(0.42, 0.18);
        p.lineTo(0.56, 0.04);
        p.lineTo(0.52, 0.96);
      }
      case 2 -> {
        p.moveTo(0.18, 0.28);
        p.curveTo(0.22, 0.0, 0.82, 0.0, 0.78, 0.3);
        p.curveTo(0.74, 0.52, 0.42, 0.7, 0.16, 0.95);
        p.lineTo(0.86, 0.95);
      }
      case 3 -> {
        p.moveTo(0.2, 0.14);
        p.curveTo(0.45, -0.04, 0.86, 0.08, 0.76, 0.3);
        p.curveTo(0.7, 0.44, 0.52, 0.48, 0.38, 0.48);
        p.curveTo(0.95, 0.46, 0.9, 0.98, 0.48, 0.96);
        p.curveTo(0.35, 0.96, 0.24, 0.9, 0.18, 0.84);
      }
      case 4 -> {
        p.moveTo(0.44, 0.04);
        p.lineTo(0.16, 0.62);
        p.lineTo(0.86, 0.62);
        p.moveTo(0.66, 0.3);
        p.lineTo(0.66, 0.96);
      }
      case 5 -> {
        p.moveTo(0.8, 0.05);
        p.lineTo(0.3, 0.05);
        p.lineTo(0.24, 0.45);
        p.curveTo(0.5, 0.32, 0.86, 0.44, 0.8, 0.7);
        p.curveTo(0.74, 0.98, 0.36, 1.0, 0.18, 0.86);
      }
      case 6 -> {
        p.moveTo(0.72, 0.04);
        p.curveTo(0.3, 0.18, 0.14, 0.6, 0.28, 0.84);
        p.curveTo(0.42, 1.02, 0.82, 0.96, 0.8, 0.7);
        p.curveTo(0.78, 0.44, 0.34, 0.44, 0.24, 0.68);
      }
      case 7 -> {
        p.moveTo(0.14, 0.06);
        p.lineTo(0.86, 0.06);
        p.lineTo(0.42, 0.96);
      }
      case 8 -> {
        p.append(new Ellipse2D.Double(0.28, 0.04, 0.44, 0.42), false);
        p.append(new Ellipse2D.Double(0.22, 0.46, 0.56, 0.5), false);
      }
      case 9 -> {
        p.append(new Ellipse2D.Double(0.22, 0.04, 0.54, 0.44), false);
        p.moveTo(0.76, 0.26);
        p.lineTo(0.68, 0.96);
      }
      default -> throw new IllegalArgumentException("digit " + digit);
    }
    return p;
  }

  /** How to draw: canvas size, digit height, pen width (share of the height), colours, rotation. */
  public record Style(int canvasHeight, double digitHeight, double pen, Color ink, Color paper, double degrees) {
    public static final Style PLAIN = new Style(120, 0.7, 0.09, Color.BLACK, Color.WHITE, 0);
  }

  /** The digits of {@code text} side by side; {@code gap} is the space between them in digit heights (may be < 0). */
  public static BufferedImage draw(String text, Style s, double gap) {
    double h = s.canvasHeight() * s.digitHeight();
    double w = 0.62 * h;
    int width = (int) Math.ceil(s.canvasHeight() * 0.4 + text.length() * w + (text.length() - 1) * gap * h);
    BufferedImage image = new BufferedImage(Math.max(width, s.canvasHeight()), s.canvasHeight(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(s.paper());
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(s.ink());
      g.setStroke(new BasicStroke((float) (s.pen() * h), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      double total = text.length() * w + (text.length() - 1) * gap * h;
      double x = (image.getWidth() - total) / 2;
      double y = (s.canvasHeight() - h) / 2;
      for (char c : text.toCharArray()) {
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.rotate(Math.toRadians(s.degrees()), w / 2, h / 2);
        t.scale(w, h);
        g.draw(t.createTransformedShape(stroke(c - '0')));
        x += w + gap * h;
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
