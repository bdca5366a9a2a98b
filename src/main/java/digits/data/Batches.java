package digits.data;

import java.util.Iterator;

/** Batches, epoch after epoch: what a training loop draws from ({@link BatchPipeline} for labelled images). */
public interface Batches {
  /** Items in one epoch. */
  int size();

  /** Batches in one epoch. */
  int batchesPerEpoch();

  /** The batches of one epoch (0-based); close the stream to stop whatever prepares them ahead. */
  Stream epoch(int epoch);

  /** The batches of one epoch, in order. */
  interface Stream extends Iterator<Batch>, AutoCloseable {
    @Override
    void close();

    /** The batches {@code batches} gives, with nothing to stop at close. */
    static Stream of(Iterator<Batch> batches) {
      return new Stream() {
        @Override
        public boolean hasNext() {
          return batches.hasNext();
        }

        @Override
        public Batch next() {
          return batches.next();
        }

        @Override
        public void close() {}
      };
    }
  }
}
