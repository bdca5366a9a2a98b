package digits.predict.image;

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
  /**
   * Larger images are decoded subsampled to about this size (every n-th pixel of every n-th row), so that memory
   * stays bounded whatever the size: 4 megapixels keep the digits of a phone photo many pixels high.
   */
  public static final long DECODED_PIXELS = 4_000_000L;
  /** BMP compressions that embed a whole JPEG or PNG, whose own header the BMP's size check never sees. */
  private static final int BMP_JPEG = 4;
  private static final int BMP_PNG = 5;

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
    int compression = bmpCompression(in);
    if (compression == BMP_JPEG || compression == BMP_PNG) {
      throw new IOException(file + ": is a BMP that embeds a " + (compression == BMP_PNG ? "PNG" : "JPEG")
          + " (not supported: save it as that format instead)");
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
      if (reader.isImageTiled(0) && (long) reader.getTileWidth(0) * reader.getTileHeight(0) > MAX_PIXELS) {
        throw new IOException(file + ": has tiles too large to decode (" + reader.getTileWidth(0) + "x"
            + reader.getTileHeight(0) + " pixels)");
      }
      javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
      if (width * height > DECODED_PIXELS) {
        int step = (int) Math.ceil(Math.sqrt((double) width * height / DECODED_PIXELS));
        param.setSourceSubsampling(step, step, 0, 0);
      }
      return reader.read(0, param);
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

  /**
   * The compression field of a BMP's info header (offset 30, little-endian), read before any decoder touches the
   * stream; -1 for anything that is not a BMP.
   */
  private static int bmpCompression(ImageInputStream in) throws IOException {
    byte[] head = new byte[34];
    in.mark();
    int n;
    try {
      n = in.read(head);
      while (n > 0 && n < head.length) {
        int more = in.read(head, n, head.length - n);
        if (more <= 0) {
          break;
        }
        n += more;
      }
    } finally {
      in.reset();
    }
    if (n < head.length || head[0] != 'B' || head[1] != 'M') {
      return -1;
    }
    return (head[30] & 0xFF) | (head[31] & 0xFF) << 8 | (head[32] & 0xFF) << 16 | (head[33] & 0xFF) << 24;
  }
}
