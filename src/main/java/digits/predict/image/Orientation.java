package digits.predict.image;

import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;

/**
 * A photo's EXIF orientation (1 to 8: how the camera was held) and the turn that makes the image upright. Cameras
 * store pixels as the sensor saw them and record the turn in this tag instead of applying it.
 */
final class Orientation {
  static final int NORMAL = 1;

  private Orientation() {}

  /**
   * The EXIF orientation in {@code image}'s bytes; {@link #NORMAL} when there is none or it cannot be read. Only a
   * JPEG's EXIF segments are read (each at most 64 KB, by the format), never the text chunks of a PNG or the
   * directories of a TIFF, which can be made to inflate to gigabytes; cameras write orientation into JPEG's EXIF.
   */
  static int of(InputStream image) {
    try {
      java.io.BufferedInputStream in = new java.io.BufferedInputStream(image);
      in.mark(2);
      if (in.read() != 0xFF || in.read() != 0xD8) {
        return NORMAL; // not a JPEG
      }
      in.reset();
      Metadata metadata = com.drew.imaging.jpeg.JpegMetadataReader.readMetadata(in,
          java.util.List.of(new com.drew.metadata.exif.ExifReader()));
      ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        int o = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return o >= 1 && o <= 8 ? o : NORMAL;
      }
    } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
      // No or damaged metadata: the pixels are taken as they are, which is what every viewer does then.
    }
    return NORMAL;
  }

  /** {@code image} turned (and mirrored, for 2, 4, 5, 7) as {@code orientation} says. */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation == NORMAL) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, h); t.scale(1, -1); }
      case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
      case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      default -> { }
    }
    boolean swap = orientation >= 5;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
    new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(toArgb(image), out);
    return out;
  }

  private static BufferedImage toArgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
      return image;
    }
    BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = argb.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return argb;
  }
}
