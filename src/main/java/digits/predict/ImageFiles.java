package digits.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files defensively: the size in the header is checked before any pixel is decoded (a corrupt
 * header must not cost gigabytes), and a decoder's failure on corrupt data becomes an {@link IOException}
 * naming the file, never a crash. PNG, JPEG, TIFF, BMP and GIF; a photo's EXIF orientation is honoured, so a
 * phone picture taken sideways is read upright.
 */
public final class ImageFiles {
  /** Larger images are refused: far above any photo of a digit string (40 megapixels). */
  public static final long MAX_PIXELS = 40_000_000L;

  private ImageFiles() {}

  public static BufferedImage read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": " + (Files.exists(file) ? "is not a file" : "does not exist"));
    }
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      image = decode(in, file.toString());
    }
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return Orientation.upright(image, Orientation.of(in));
    }
  }

  /**
   * Decodes image bytes received from elsewhere (an HTTP body, say); {@code name} is used in messages. Read
   * through a memory cache, not the temporary file {@code ImageIO} would otherwise create for every request.
   */
  public static BufferedImage decode(byte[] bytes, String name) throws IOException {
    BufferedImage image;
    try (ImageInputStream in = new javax.imageio.stream.MemoryCacheImageInputStream(
        new java.io.ByteArrayInputStream(bytes))) {
      image = decode(in, name);
    }
    return Orientation.upright(image, Orientation.of(new java.io.ByteArrayInputStream(bytes)));
  }

  private static BufferedImage decode(ImageInputStream in, String file) throws IOException {
    Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
    if (readers == null || !readers.hasNext()) {
      throw new IOException(file + ": is not an image this program can read (PNG, JPEG, BMP, GIF)");
    }
    ImageReader reader = readers.next();
    try {
      reader.setInput(in, true, true);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      if (width < 2 || height < 2) {
        throw new IOException(file + ": is too small (" + width + "x" + height + ")");
      }
      if (width * height > MAX_PIXELS) {
        throw new IOException(file + ": is too large (" + width + "x" + height + " pixels, at most "
            + MAX_PIXELS / 1_000_000 + " megapixels)");
      }
      return reader.read(0);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file)) {
        throw e;
      }
      throw new IOException(file + ": corrupt " + reader.getFormatName() + " data (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      // Decoders signal some corruptions with unchecked exceptions (index out of bounds, negative sizes).
      throw new IOException(file + ": corrupt " + reader.getFormatName() + " data (" + e + ")", e);
    } finally {
      reader.dispose();
    }
  }
}
