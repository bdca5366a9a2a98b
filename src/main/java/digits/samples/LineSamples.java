package digits.samples;

import digits.data.Batch;
import digits.predict.ink.InkImage;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.segment.LineInput;
import digits.predict.segment.Segmenter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training lines for a line model: 1 to {@link LineInput#MAX_DIGITS} digits drawn side by side as
 * {@link SearchPieces} draws them (apart, touching or overlapping), cut by the reader's own {@link Segmenter}, and
 * prepared as the reader prepares a line ({@link LineInput}), each with its digits as the label. The same digits,
 * seed and index give the same line.
 */
public final class LineSamples {
  /** A tenth of the lines hold one digit. */
  static final double SINGLE_SHARE = 0.1;
  private static final int SIZE = MnistPreprocessor.SIZE;

  private LineSamples() {}

  /** A source of 28x28 digit images in [0, 1] (1 = ink): digit {@code index}, distorted at random or not. */
  public interface Digits {
    int size();

    int label(int index);

    /** Writes digit {@code index} into {@code out} at {@code offset}. */
    void draw(int index, float[] out, int offset, SplittableRandom random);
  }

  /** {@code count} line inputs ({@link LineInput}), flat, and their labels, {@link LineInput#MAX_DIGITS} a line (-1 after the last digit). */
  public record Lines(float[] images, int[] labels) {
    public int size() {
      return labels.length / LineInput.MAX_DIGITS;
    }

    /** These lines as a training batch ({@link LineInput#MAX_DIGITS} label slots a line). */
    public Batch batch() {
      return new Batch(images, labels, size(), LineInput.HEIGHT, LineInput.WIDTH);
    }
  }

  /** Lines {@code first} to {@code first + count - 1} of the series that {@code seed} draws from {@code digits}. */
  public static Lines draw(Digits digits, int first, int count, long seed) {
    if (digits.size() < 1) {
      throw new IllegalArgumentException("Expected digits to draw lines from, received none");
    }
    int pixels = LineInput.HEIGHT * LineInput.WIDTH;
    float[] images = new float[count * pixels];
    int[] labels = new int[count * LineInput.MAX_DIGITS];
    Arrays.fill(labels, -1);
    java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
      SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (first + i + 1)));
      for (int attempt = 0; ; attempt++) {
        if (attempt > 100) {
          throw new IllegalArgumentException("Cannot draw a line the reader finds ink in from these digits");
        }
        if (line(digits, random, images, i * pixels, labels, i * LineInput.MAX_DIGITS)) {
          return;
        }
      }
    });
    return new Lines(images, labels);
  }

  private static boolean line(Digits digits, SplittableRandom random, float[] images, int at, int[] labels,
      int labelAt) {
    int n = random.nextDouble() < SINGLE_SHARE ? 1 : 2 + random.nextInt(LineInput.MAX_DIGITS - 1);
    float[] drawn = new float[n * SIZE * SIZE];
    int[] chosen = new int[n];
    for (int i = 0; i < n; i++) {
      int index = random.nextInt(digits.size());
      digits.draw(index, drawn, i * SIZE * SIZE, random);
      labels[labelAt + i] = digits.label(index);
      chosen[i] = i;
    }
    SearchPieces.Drawn line = SearchPieces.draw(drawn, chosen, random);
    try {
      System.arraycopy(LineInput.of(Segmenter.atoms(InkImage.of(line.picture()), 0)), 0, images, at,
          LineInput.HEIGHT * LineInput.WIDTH);
      return true;
    } catch (IllegalArgumentException e) {
      Arrays.fill(labels, labelAt, labelAt + LineInput.MAX_DIGITS, -1);
      return false;
    }
  }
}
