package digits.data;

import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A {@code tf.data}-style input pipeline over a subset of a dataset: shuffle (per epoch, seeded), batch, map to
 * floats, augment, prefetch on a background thread.
 *
 * <p>Every random choice is derived from {@code (seed, epoch, batch index)}, so the same seed yields the same
 * batches whether or not prefetching is on, and however far the prefetcher runs ahead.
 */
public final class BatchPipeline implements Batches {

  /**
   * @param batchSize images per batch
   * @param dropRemainder drop the last, smaller batch of an epoch
   * @param shuffle shuffle the order every epoch
   * @param normalization applied after augmentation
   * @param augmentation random distortions, {@link Augmentation#NONE} for none
   * @param prefetch batches prepared ahead on a background thread; 0 prepares them on the caller's thread
   * @param seed drives the shuffle and the augmentation
   */
  public record Options(int batchSize, boolean dropRemainder, boolean shuffle, Normalization normalization,
      Augmentation augmentation, int prefetch, long seed) {
    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("Expected batch size >= 1, received " + batchSize);
      }
      if (prefetch < 0) {
        throw new IllegalArgumentException("Expected prefetch >= 0, received " + prefetch);
      }
    }

    /** In order, no augmentation, no prefetch: for evaluation. */
    public static Options inOrder(int batchSize) {
      return new Options(batchSize, false, false, Normalization.UNIT, Augmentation.NONE, 0, 0);
    }
  }

  private final LabeledImages data;
  private final int[] indices;
  private final Options options;
  private final int nonDigitLabel;

  /** A pipeline over the images of {@code data} at {@code indices} (copied); non-digit images get the next label. */
  public BatchPipeline(LabeledImages data, int[] indices, Options options) {
    this(data, indices, options, data.classes());
  }

  /**
   * A pipeline over the images of {@code data} at {@code indices} (copied) whose non-digit images, its own and those
   * the augmentation makes, carry {@code nonDigitLabel}.
   */
  public BatchPipeline(LabeledImages data, int[] indices, Options options, int nonDigitLabel) {
    if (nonDigitLabel != data.classes() && nonDigitLabel != data.classes() - 1) {
      throw new IllegalArgumentException("Expected the non-digit label to be the last class or the next one, received "
          + nonDigitLabel + " for " + data.classes() + " classes");
    }
    this.nonDigitLabel = nonDigitLabel;
    for (int i : indices) {
      if (i < 0 || i >= data.size()) {
        throw new IllegalArgumentException("Expected indices in [0, " + data.size() + "), received " + i);
      }
    }
    this.data = data;
    this.indices = indices.clone();
    this.options = options;
  }

  /** A pipeline over all of {@code data}. */
  public static BatchPipeline of(LabeledImages data, Options options) {
    int[] all = new int[data.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new BatchPipeline(data, all, options);
  }

  @Override
  public int size() {
    return indices.length;
  }

  public Options options() {
    return options;
  }

  @Override
  public int batchesPerEpoch() {
    int b = options.batchSize;
    return options.dropRemainder ? indices.length / b : (indices.length + b - 1) / b;
  }

  /** The batches of one epoch (0-based); close the stream to stop its prefetch thread early. */
  @Override
  public Stream epoch(int epoch) {
    int[] order = indices.clone();
    if (options.shuffle) {
      Shuffle.inPlace(order, new SplittableRandom(mix(options.seed, epoch, -1)));
    }
    return options.prefetch == 0 ? new Direct(order, epoch) : prefetched(order, epoch);
  }

  private Stream prefetched(int[] order, int epoch) {
    Warp warp = newWarp(); // used by the prefetch thread alone
    return new Prefetched(batchesPerEpoch(), b -> make(order, epoch, b, warp), options.prefetch);
  }

  /** Makes batch {@code b} of an epoch. Thread-confined state lives in {@code warp}. */
  private Batch make(int[] order, int epoch, int b, Warp warp) {
    int from = b * options.batchSize;
    int n = Math.min(options.batchSize, order.length - from);
    int pixels = data.imageSize();
    float[] images = new float[n * pixels];
    int[] labels = new int[n];
    byte[] src = data.pixels();
    SplittableRandom random = warp == null ? null : new SplittableRandom(mix(options.seed, epoch, b));
    for (int i = 0; i < n; i++) {
      int index = order[from + i];
      labels[i] = data.label(index);
      if (warp != null) {
        warp.apply(src, index * pixels, images, i * pixels, random);
      } else {
        for (int p = 0, s = index * pixels, d = i * pixels; p < pixels; p++) {
          images[d + p] = Pixels.unit(src[s + p]);
        }
      }
    }
    if (warp != null && (options.augmentation.nonDigits() > 0 || options.augmentation.touching() > 0)) {
      NonDigits pieces = new NonDigits(data.height(), data.width());
      pieces.cutFromLine(images, labels, n, options.augmentation.touching(), random);
      pieces.replace(images, labels, n, options.augmentation.nonDigits(), nonDigitLabel, random);
    }
    options.normalization.applyInPlace(images, 0, images.length);
    return new Batch(images, labels, n, data.height(), data.width());
  }

  private Warp newWarp() {
    return options.augmentation.enabled() ? new Warp(data.height(), data.width(), options.augmentation) : null;
  }

  /** A seed for one (epoch, batch) pair, well mixed (SplitMix64 finalizer) so neighbours are unrelated. */
  static long mix(long seed, long epoch, long batch) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + batch * 0x165667B19E3779F9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private final class Direct implements Stream {
    private final int[] order;
    private final int epoch;
    private final Warp warp = newWarp();
    private int next;

    Direct(int[] order, int epoch) {
      this.order = order;
      this.epoch = epoch;
    }

    @Override
    public boolean hasNext() {
      return next < batchesPerEpoch();
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return make(order, epoch, next++, warp);
    }

    @Override
    public void close() {}
  }
}
