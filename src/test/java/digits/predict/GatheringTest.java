package digits.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gathering thread: prepares nothing itself, survives anything, answers every image. */
class GatheringTest {
  /** Steps whose model call throws {@code failure} the first {@code failures} times, then reads "7". */
  private static class Steps implements Gathering.Steps {
    final AtomicInteger calls = new AtomicInteger();
    final int failures;
    final Throwable failure;
    volatile Thread preparedOn;

    Steps(int failures, Throwable failure) {
      this.failures = failures;
      this.failure = failure;
    }

    @Override
    public DigitRecognizer.Prepared prepare(ImageToRead image) {
      preparedOn = Thread.currentThread();
      PreparedImage ready = new PreparedImage(null, List.of(), List.of(new float[784]), 0, null, List.of());
      return new DigitRecognizer.Prepared(ready, null);
    }

    @Override
    public List<DigitRecognizer.Scored> score(List<DigitRecognizer.Prepared> prepared) {
      if (calls.incrementAndGet() <= failures) {
        if (failure instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) failure;
      }
      return prepared.stream().map(p -> new DigitRecognizer.Scored(p, List.of(), null)).toList();
    }

    @Override
    public ReadResult decide(DigitRecognizer.Scored scored) {
      return ReadResult.read(new NumberReading("7", List.of(), 1f, List.of(), Evidence.NONE));
    }
  }

  private static ImageToRead image() {
    return ImageToRead.of(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), ReadRequest.LINE);
  }

  @Test
  void anErrorInAModelCallFailsItsBatchAndTheThreadGoesOn() throws Exception {
    Steps steps = new Steps(1, new OutOfMemoryError("Java heap space (test)"));
    try (Gathering g = new Gathering(steps, Duration.ZERO, 8, n -> { })) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> g.read(image()).get(10, TimeUnit.SECONDS));
      assertInstanceOf(OutOfMemoryError.class, e.getCause());
      assertEquals("7", g.read(image()).get(10, TimeUnit.SECONDS).reading().text(), "the next image is read");
      assertEquals(Duration.ZERO, g.stalledFor(), "the model path is moving");
    }
  }

  @Test
  void aBugInAModelCallFailsItsBatchOnly() throws Exception {
    Steps steps = new Steps(1, new IllegalStateException("a bug (test)"));
    try (Gathering g = new Gathering(steps, Duration.ZERO, 8, n -> { })) {
      assertThrows(ExecutionException.class, () -> g.read(image()).get(10, TimeUnit.SECONDS));
      assertTrue(g.read(image()).get(10, TimeUnit.SECONDS).ok());
    }
  }

  @Test
  void imagesArePreparedOnTheCallersThreadNotTheGatheringOne() throws Exception {
    Steps steps = new Steps(0, null);
    try (Gathering g = new Gathering(steps, Duration.ofMillis(1), 8, n -> { })) {
      assertTrue(g.read(image()).get(10, TimeUnit.SECONDS).ok());
      assertEquals(Thread.currentThread(), steps.preparedOn, "an expensive image costs its caller's time");
    }
  }

  @Test
  void anImageThatCannotBePreparedIsAnsweredWithoutWaitingForAModelCall() throws Exception {
    Steps steps = new Steps(0, null) {
      @Override
      public DigitRecognizer.Prepared prepare(ImageToRead image) {
        return new DigitRecognizer.Prepared(null, ReadResult.unreadable("no digit found"));
      }
    };
    try (Gathering g = new Gathering(steps, Duration.ofSeconds(1), 8, n -> { })) {
      ReadResult r = g.read(image()).get(10, TimeUnit.SECONDS);
      assertFalse(r.ok());
      assertEquals("no digit found", r.error());
      assertEquals(0, steps.calls.get(), "no model call");
    }
  }

  @Test
  void whatIsLeftWhenItClosesGetsAnError() throws Exception {
    Steps steps = new Steps(0, null);
    Gathering g = new Gathering(steps, Duration.ZERO, 8, n -> { });
    g.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> g.read(image()).get(10, TimeUnit.SECONDS));
    assertNotEquals(null, e.getCause().getMessage());
  }
}
