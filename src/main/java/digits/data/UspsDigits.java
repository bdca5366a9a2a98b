package digits.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Digits cut from real envelopes by the U.S. Postal Service ({@code zip.train.gz}, as distributed with <i>The
 * Elements of Statistical Learning</i>): one digit a line, its label then 256 grey levels in [-1, 1] (16x16, -1 is
 * paper), raw or gzip. Each digit becomes a 28x28 image prepared as MNIST's were (longer side 20 pixels, centre of
 * mass in the middle), so it can join MNIST in training and be drawn into lines like MNIST's digits.
 *
 * <p>The file is split by index into three parts that never share a digit: {@link Part#TRAIN} (three in five),
 * {@link Part#TUNING} and {@link Part#HELD_OUT} (one in five each) for the development set.
 */
public final class UspsDigits {
  public static final int SIDE = 16;
  private static final int SIZE = 28;
  private static final int BOX = 20;

  /** Which digits of the file a use may take. */
  public enum Part {
    TRAIN, TUNING, HELD_OUT;

    /** The part that the file's {@code index}-th digit belongs to. */
    public static Part of(int index) {
      return switch (index % 5) {
        case 3 -> TUNING;
        case 4 -> HELD_OUT;
        default -> TRAIN;
      };
    }
  }

  private UspsDigits() {}

  /**
   * The digits of {@code part} in {@code file}, in file order, as 28x28 images.
   *
   * @throws InvalidDataException naming the file and the line when it is not in this format
   */
  public static LabeledImages read(Path file, Part part) throws IOException {
    java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.US_ASCII))) {
      String line;
      int index = 0;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        float[] grey = new float[SIDE * SIDE];
        int label = parse(file, index + 1, line, grey);
        if (Part.of(index) == part) {
          labels.write(label);
          for (float v : toMnist(grey)) {
            pixels.write(Pixels.level(v));
          }
        }
        index++;
      }
      if (index == 0) {
        throw new InvalidDataException(file, "no digits (expected one digit a line: a label and 256 grey levels)");
      }
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new InvalidDataException(file, "damaged gzip stream (" + e.getMessage() + ")");
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(file, "no such file (the USPS envelope digits: see data/README.md; "
          + "--set usps= trains without them)");
    }
    return new LabeledImages(pixels.toByteArray(), labels.toByteArray(), SIZE, SIZE,
        LabeledImages.DEFAULT_CLASSES);
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw) : raw;
  }

  /** Reads one line into {@code grey} (0 paper, 1 ink) and returns its label. */
  private static int parse(Path file, int lineNumber, String line, float[] grey) throws InvalidDataException {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 1 + SIDE * SIDE) {
      throw new InvalidDataException(file, "line " + lineNumber + " has " + fields.length
          + " values, expected 257 (a label and 16x16 grey levels)");
    }
    try {
      double label = Double.parseDouble(fields[0]);
      if (label < 0 || label > 9 || label != Math.rint(label)) {
        throw new InvalidDataException(file, "line " + lineNumber + ": label " + fields[0] + " is not a digit 0-9");
      }
      for (int i = 0; i < grey.length; i++) {
        double v = Double.parseDouble(fields[i + 1]);
        if (!(v >= -1.0001 && v <= 1.0001)) {
          throw new InvalidDataException(file, "line " + lineNumber + ": grey level " + fields[i + 1]
              + " outside [-1, 1]");
        }
        grey[i] = (float) Math.min(1, Math.max(0, (v + 1) / 2));
      }
      return (int) label;
    } catch (NumberFormatException e) {
      throw new InvalidDataException(file, "line " + lineNumber + ": not a number (" + e.getMessage() + ")");
    }
  }

  /** A 16x16 digit (0 paper, 1 ink) scaled to 20x20 and pasted with its centre of mass in the middle of 28x28. */
  static float[] toMnist(float[] grey) {
    float[] box = new float[BOX * BOX];
    double step = (double) SIDE / BOX;
    for (int y = 0; y < BOX; y++) {
      for (int x = 0; x < BOX; x++) {
        box[y * BOX + x] = (float) Bilinear.sample(grey, SIDE, SIDE, (x + 0.5) * step - 0.5, (y + 0.5) * step - 0.5);
      }
    }
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int p = 0; p < box.length; p++) {
      mass += box[p];
      mx += box[p] * (p % BOX);
      my += box[p] * (p / BOX);
    }
    double cx = mass == 0 ? (BOX - 1) / 2.0 : mx / mass;
    double cy = mass == 0 ? (BOX - 1) / 2.0 : my / mass;
    double ox = cx - (SIZE - 1) / 2.0;
    double oy = cy - (SIZE - 1) / 2.0;
    float[] out = new float[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        out[y * SIZE + x] = (float) Math.min(1, Bilinear.sample(box, BOX, BOX, x + ox, y + oy));
      }
    }
    return out;
  }
}
