package digits.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the images of concurrent callers into shared model calls ({@link DigitRecognizer#gathering}). Each
 * image is decoded and prepared on its caller's thread, so an image that costs much work (thousands of pieces of
 * ink, a huge photograph) costs its own caller's time, never the others'; only the model calls (both rounds of
 * {@link DigitRecognizer#score}, on candidates the caller prepared) and the choice of each reading run on the
 * gathering thread. The first image to arrive waits up to {@code window} for others (at
 * most {@code max} in all): under load a model call serves many callers at once; alone, an image waits the window
 * at most. The thread survives anything an image or a model call throws, and every answer completes.
 */
public final class Gathering implements AutoCloseable {
  private record Pending(DigitRecognizer.Prepared image, CompletableFuture<ReadResult> answer) {}

  /** The three steps of a reading ({@link DigitRecognizer#prepare}, {@link DigitRecognizer#score}, decide). */
  interface Steps {
    DigitRecognizer.Prepared prepare(ImageToRead image);

    List<DigitRecognizer.Scored> score(List<DigitRecognizer.Prepared> prepared);

    ReadResult decide(DigitRecognizer.Scored scored);
  }

  private final Steps recognizer;
  private final long windowNanos;
  private final int max;
  private final java.util.function.IntConsumer modelCalls;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** When the model call now running started ({@link System#nanoTime}), or 0 when none is. */
  private volatile long busySince;

  Gathering(Steps recognizer, java.time.Duration window, int max, java.util.function.IntConsumer modelCalls) {
    if (window.isNegative() || max < 1) {
      throw new IllegalArgumentException("Expected a window >= 0 and at least 1 image per call, received "
          + window + " and " + max);
    }
    this.recognizer = recognizer;
    this.windowNanos = window.toNanos();
    this.max = max;
    this.modelCalls = java.util.Objects.requireNonNull(modelCalls, "modelCalls");
    this.thread = new Thread(this::loop, "digits-gather");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Prepares {@code image} on the calling thread, then reads it with the next model call; the answer completes
   * when that is done (with an error result when the image cannot be read).
   */
  public CompletableFuture<ReadResult> read(ImageToRead image) {
    DigitRecognizer.Prepared prepared = recognizer.prepare(image);
    if (prepared.ready() == null) {
      return CompletableFuture.completedFuture(prepared.failed());
    }
    CompletableFuture<ReadResult> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(new IllegalStateException("the reader is stopping"));
    } else {
      queue.add(new Pending(prepared, answer));
    }
    return answer;
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long end = System.nanoTime() + windowNanos;
        while (batch.size() < max) {
          long left = end - System.nanoTime();
          Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        busySince = System.nanoTime();
        modelCalls.accept(batch.size());
        List<DigitRecognizer.Scored> scored = recognizer.score(batch.stream().map(Pending::image).toList());
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(recognizer.decide(scored.get(i)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // anything at all (out of memory in a model call, say): this batch's answers fail, the thread goes on
        batch.forEach(p -> p.answer().completeExceptionally(e));
      } finally {
        busySince = 0;
        batch.clear();
      }
    }
  }

  /**
   * How long the model call now running has taken (a day when the thread is gone); zero when the model path is
   * moving.
   */
  public java.time.Duration stalledFor() {
    long since = busySince;
    if (!thread.isAlive() && !closed) {
      return java.time.Duration.ofDays(1);
    }
    return since == 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - since);
  }

  /** Reads what was already asked, then stops; anything left gets an error. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.answer().completeExceptionally(new IllegalStateException("the reader stopped"));
    }
  }
}
