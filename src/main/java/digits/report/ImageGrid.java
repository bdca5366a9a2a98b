package digits.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A PNG of small grey images in a grid, each with an optional caption under it, drawn with Java2D. */
public final class ImageGrid {
  /** One cell: pixels {@code [height * width]} unsigned bytes (255 = ink), and a caption (may be empty). */
  public record Cell(byte[] pixels, String caption, boolean highlight) {}

  private ImageGrid() {}

  /** Draws {@code cells} row by row, {@code columns} per row, each pixel as a {@code zoom x zoom} square. */
  public static BufferedImage draw(List<Cell> cells, int height, int width, int columns, int zoom) {
    int captionHeight = cells.stream().anyMatch(c -> !c.caption().isEmpty()) ? 14 : 0;
    int pad = 4;
    int cellW = width * zoom + pad;
    int cellH = height * zoom + captionHeight + pad;
    int rows = (cells.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * cellW + pad, Math.max(rows, 1) * cellH + pad,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        int x0 = pad + (i % columns) * cellW;
        int y0 = pad + (i / columns) * cellH;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            int v = 255 - (cell.pixels()[y * width + x] & 0xFF);
            g.setColor(new Color(v, v, v));
            g.fillRect(x0 + x * zoom, y0 + y * zoom, zoom, zoom);
          }
        }
        g.setColor(cell.highlight() ? new Color(200, 30, 30) : Color.DARK_GRAY);
        g.drawRect(x0 - 1, y0 - 1, width * zoom + 1, height * zoom + 1);
        if (!cell.caption().isEmpty()) {
          g.drawString(cell.caption(), x0, y0 + height * zoom + captionHeight - 2);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Writes {@code image} as a PNG, atomically. Encodes through a memory cache: {@code ImageIO.write} to a stream
   * would use a temporary file that registers a shutdown hook, which fails while a stopped run (SIGTERM) is still
   * writing its report.
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    digits.io.AtomicFiles.write(file, out -> {
      Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
      if (!writers.hasNext()) {
        throw new IOException("no PNG writer available");
      }
      ImageWriter writer = writers.next();
      try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(image);
      } finally {
        writer.dispose();
      }
    });
  }
}
