package digits.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How a request's body reaches a worker: its headers checked, its bytes counted against what may be held at once
 * (503 beyond), gathered as they arrive (no thread waits on a slow client; 408 when they do not arrive in time), then
 * handed to a bounded pool of workers whose full queue answers 503. The worker's answer, or its error, is sent.
 */
final class Intake implements AutoCloseable {
  /** The request attribute holding its id, which the access log and an internal error's answer both name. */
  static final String REQUEST_ID = "digits.request-id";
  /** Requests waiting for a worker beyond this many get 503. */
  private static final int QUEUE = 256;
  /** Unread bodies up to this size are discarded before an error is answered; larger ones close the connection. */
  private static final long DRAIN_LIMIT = 64L << 20;
  /** Request bodies held at once, at most (each counted at its Content-Length, or the body limit when unknown). */
  private static final long MAX_IN_FLIGHT = 64L << 20;

  private final AtomicLong inFlight = new AtomicLong();
  private final ThreadPoolExecutor workers;
  private final PredictionServer.Options options;

  Intake(PredictionServer.Options options) {
    this.options = options;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "digits-serve-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** Bytes of request bodies held now. */
  long bytesInFlight() {
    return inFlight.get();
  }

  /** Requests waiting for a worker now. */
  int queued() {
    return workers.getQueue().size();
  }

  /**
   * Runs {@code answer} once the request's body, unread, has been discarded (up to {@value #DRAIN_LIMIT} bytes and
   * the request time limit), so that a client still sending reads the answer instead of a broken connection.
   */
  void afterBody(Request request, Runnable answer) {
    if (request.getLength() == 0 || request.getLength() > DRAIN_LIMIT) {
      answer.run();
      return;
    }
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Content.Source.consumeAll(request, Callback.from(() -> drained.complete(null), drained::completeExceptionally));
    drained.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, failure) -> answer.run());
  }

  /** What a model worker does with a whole, checked body. */
  interface Work {
    CompletableFuture<ObjectNode> apply(Requests.Body body) throws ClientError, IOException;
  }

  /**
   * Checks the headers, gathers the body as it arrives (no thread waits on a slow client), then hands it to a model
   * worker, which answers.
   */
  void withBody(Request request, Response response, Callback callback, Work work) throws ClientError {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    boolean json = Requests.isJson(type);
    Requests.checkLength(request.getLength(), options.maxBodyBytes());
    long reserved = request.getLength() >= 0 ? request.getLength() : options.maxBodyBytes();
    if (inFlight.addAndGet(reserved) > Math.max(MAX_IN_FLIGHT, options.maxBodyBytes())) {
      inFlight.addAndGet(-reserved);
      throw new ClientError(503, "busy: " + (MAX_IN_FLIGHT >> 20) + " MB of requests are being read; try again "
          + "shortly");
    }
    java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);
    Runnable free = () -> {
      if (held.getAndSet(false)) {
        inFlight.addAndGet(-reserved);
      }
    };
    Callback release = new Callback() {
      @Override
      public void succeeded() {
        free.run();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        free.run();
        callback.failed(x);
      }
    };
    try {
      gatherAndAnswer(request, response, release, json, work);
    } catch (RuntimeException e) {
      free.run();
      throw e;
    }
  }

  private void gatherAndAnswer(Request request, Response response, Callback callback, boolean json, Work work) {
    Content.Source.asByteArrayAsync(request, options.maxBodyBytes() + 1)
        .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((bytes, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
              Responses.sendJson(response, callback, 408, Responses.error("the request body did not arrive within "
                  + options.requestTimeout().toSeconds() + " s"));
            } else if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
              Responses.sendJson(response, callback, 413, Responses.error("body is over the limit of "
                  + options.maxBodyBytes() + " bytes"));
            } else {
              callback.failed(cause); // the client went away
            }
            return;
          }
          try {
            workers.execute(() -> {
              try {
                work.apply(Requests.body(bytes, json, options.maxBodyBytes())).whenComplete((answer, failed) -> {
                  Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                      ? failed.getCause() : failed;
                  if (cause == null) {
                    Responses.sendJson(response, callback, 200, answer);
                  } else if (cause instanceof ClientError e) {
                    Responses.sendJson(response, callback, e.status, Responses.error(e.getMessage()));
                  } else {
                    internalError(response, callback, cause);
                  }
                });
              } catch (ClientError e) {
                Responses.sendJson(response, callback, e.status, Responses.error(e.getMessage()));
              } catch (IOException | RuntimeException e) {
                internalError(response, callback, e);
              }
            });
          } catch (RejectedExecutionException e) {
            Responses.sendJson(response, callback, 503, Responses.error("busy: " + QUEUE
                + " requests are waiting for the model; try again shortly"));
          }
        });
  }

  /** Not the client's doing: the client gets the request's id to quote, the details go to stderr under it. */
  static void internalError(Response response, Callback callback, Throwable e) {
    Object id = response.getRequest().getAttribute(REQUEST_ID);
    System.err.println("digits serve: internal error in request " + id + " on "
        + response.getRequest().getHttpURI().getPath() + ": " + e);
    e.printStackTrace();
    Responses.sendJson(response, callback, 500, Responses.error("internal error in request " + id + ": "
        + e.getClass().getSimpleName()));
  }

  /** Lets the workers finish what they hold (up to 5 s), then stops them. */
  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
