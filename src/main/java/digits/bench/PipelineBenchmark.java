package digits.bench;

import digits.data.Augmentation;
import digits.data.BatchPipeline;
import digits.data.LabeledImages;
import digits.data.Normalization;
import digits.data.Warp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** How fast images are augmented, per thread, and how fast the whole prefetching pipeline delivers them. */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  /** Augmented images per second per thread, with {@code threads} threads warping for {@code seconds} each. */
  public static double warpRate(LabeledImages data, Augmentation aug, int threads, double seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Double>> rates = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        rates.add(pool.submit(() -> {
          Warp warp = new Warp(data.height(), data.width(), aug);
          float[] out = new float[data.imageSize()];
          SplittableRandom random = new SplittableRandom(seed);
          long n = 0;
          long warmupEnd = System.nanoTime() + 500_000_000L;
          while (System.nanoTime() < warmupEnd) {
            warp.apply(data.pixels(), (int) (n++ % data.size()) * data.imageSize(), out, 0, random);
          }
          n = 0;
          long start = System.nanoTime();
          long end = start + (long) (seconds * 1e9);
          long now;
          do {
            for (int k = 0; k < 1000; k++, n++) {
              warp.apply(data.pixels(), (int) (n % data.size()) * data.imageSize(), out, 0, random);
            }
            now = System.nanoTime();
          } while (now < end);
          return n / ((now - start) / 1e9);
        }));
      }
      double sum = 0;
      for (Future<Double> f : rates) {
        sum += f.get();
      }
      return sum / threads;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Images per second out of the pipeline (shuffle, batch 128, augment, prefetch 2) over {@code seconds}. */
  public static double pipelineRate(LabeledImages data, Augmentation aug, double seconds) {
    BatchPipeline p = BatchPipeline.of(data, new BatchPipeline.Options(128, false, true, Normalization.UNIT, aug,
        2, 1));
    long images = 0;
    long start = System.nanoTime();
    for (int epoch = 0; System.nanoTime() - start < seconds * 1e9; epoch++) {
      try (BatchPipeline.Stream s = p.epoch(epoch)) {
        while (s.hasNext() && System.nanoTime() - start < seconds * 1e9) {
          images += s.next().size();
        }
      }
    }
    return images / ((System.nanoTime() - start) / 1e9);
  }
}
