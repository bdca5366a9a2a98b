package digits.predict;

import digits.predict.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An image to read and how to read it ({@link ReadRequest}); a file is decoded where it is read
 * ({@link ImageFiles#read}: bounded, on the reading thread).
 */
public final class ImageToRead {
  private interface Source {
    BufferedImage get() throws IOException;
  }

  private final Source source;
  private final ReadRequest request;

  private ImageToRead(Source source, ReadRequest request) {
    this.source = source;
    this.request = java.util.Objects.requireNonNull(request, "request");
  }

  public static ImageToRead of(BufferedImage image, ReadRequest request) {
    java.util.Objects.requireNonNull(image, "image");
    return new ImageToRead(() -> image, request);
  }

  public static ImageToRead of(Path file, ReadRequest request) {
    java.util.Objects.requireNonNull(file, "file");
    return new ImageToRead(() -> ImageFiles.read(file), request);
  }

  BufferedImage image() throws IOException {
    return source.get();
  }

  public ReadRequest request() {
    return request;
  }
}
