package digits.serve;

import digits.predict.DigitRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the images of concurrent requests into shared model calls: the first request to arrive waits up to
 * {@code window} for others (at most {@code max} in all), then all of them are read together
 * ({@link DigitRecognizer#readEach}). Under load a model call serves many requests at once; alone, a request waits
 * the window at most. One thread runs the model calls, one batch at a time (the model itself uses every core).
 */
final class Gatherer implements AutoCloseable {
  private record Pending(DigitRecognizer.Request request, CompletableFuture<DigitRecognizer.Result> answer) {}

  private final DigitRecognizer recognizer;
  private final long windowNanos;
  private final int max;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** When the model call now running started ({@link System#nanoTime}), or 0 when none is. */
  private volatile long busySince;

  Gatherer(DigitRecognizer recognizer, java.time.Duration window, int max) {
    this.recognizer = recognizer;
    this.windowNanos = window.toNanos();
    this.max = max;
    this.thread = new Thread(this::loop, "digits-serve-gather");
    thread.setDaemon(true);
    thread.start();
  }

  /** Reads {@code request} with the next model call; the answer completes when it is done. */
  CompletableFuture<DigitRecognizer.Result> read(DigitRecognizer.Request request) {
    CompletableFuture<DigitRecognizer.Result> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(new IllegalStateException("the server is stopping"));
    } else {
      queue.add(new Pending(request, answer));
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
        List<DigitRecognizer.Result> results = recognizer.readEach(batch.stream().map(Pending::request).toList());
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(results.get(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // anything at all (out of memory in a model call, say): this batch's requests fail, the thread goes on
        batch.forEach(p -> p.answer().completeExceptionally(e));
      } finally {
        busySince = 0;
        batch.clear();
      }
    }
  }

  /**
   * How long the model call now running has taken, or how long the oldest waiting request has waited when the
   * thread is gone; zero when the model path is moving.
   */
  java.time.Duration stalledFor() {
    long since = busySince;
    if (!thread.isAlive() && !closed) {
      return java.time.Duration.ofDays(1);
    }
    return since == 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - since);
  }

  /** Reads what was already asked, then stops. */
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
      left.answer().completeExceptionally(new IllegalStateException("the server stopped"));
    }
  }
}
