package digits.data;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * The batches of one epoch made ahead on a background thread, at most {@code depth} waiting: the loop trains on one
 * batch while the next is drawn. The same batches, in the same order, as making them on the caller's thread; a
 * failure while making one is thrown from {@link #hasNext()}. Close it to stop the thread early.
 */
public final class Prefetched implements Batches.Stream {
  private static final Object END = new Object();
  private final BlockingQueue<Object> queue;
  private final Thread worker;
  private Object head;

  /** Batches 0 to {@code count - 1}, batch {@code b} made by {@code make} on the background thread alone. */
  public Prefetched(int count, IntFunction<Batch> make, int depth) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.worker = new Thread(() -> {
      try {
        for (int b = 0; b < count; b++) {
          queue.put(make.apply(b));
        }
        queue.put(END);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        queue.clear();
        queue.offer(e);
      }
    }, "digits-prefetch");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public boolean hasNext() {
    if (head == null) {
      try {
        head = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the next batch", e);
      }
    }
    if (head instanceof RuntimeException e) {
      throw e;
    }
    if (head instanceof Error e) {
      throw e;
    }
    return head != END;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Batch batch = (Batch) head;
    head = null;
    return batch;
  }

  @Override
  public void close() {
    worker.interrupt();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
