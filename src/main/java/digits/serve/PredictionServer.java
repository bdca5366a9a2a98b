package digits.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import digits.predict.DigitRecognizer;
import digits.predict.Gathering;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves predictions over HTTP. This class routes and paces; {@link Requests} decodes and checks what comes in,
 * {@link Answers} reads the images and says what the endpoints answer, {@link Responses} writes it:
 *
 * <ul>
 *   <li>{@code POST /v1/predict}: one digit from a PNG/JPEG body, JSON {@code {"image": base64}}, or JSON
 *       {@code {"pixels": 28x28 numbers}} (already MNIST-style, 1 = ink; 0..255 also accepted);</li>
 *   <li>{@code POST /v1/read}: a line of digits from an image ({@code ?expect_length=N} optional);</li>
 *   <li>{@code GET /v1/model}, {@code GET /healthz}, and {@code GET /}: a page to draw a digit on.</li>
 * </ul>
 *
 * Concurrent requests' images are gathered into shared model calls ({@link digits.predict.Gathering}, within
 * {@link Options#gatherWindow}). Jetty reads requests without holding a thread while a client is slow: a body is
 * gathered as its bytes arrive and only a whole one reaches a worker, so clients that trickle bytes cannot keep
 * {@code /healthz} or anyone else's prediction waiting. Limits: a body cap, content-type checks, a time limit for a body to arrive whole, a bounded
 * pool of model workers whose full queue answers 503. Every error a client can cause is a 4xx with a JSON message;
 * the server keeps serving. {@link #close} lets requests in flight finish.
 */
public final class PredictionServer implements AutoCloseable {
  /**
   * @param workers threads that run the model
   * @param maxBodyBytes larger bodies get 413
   * @param requestTimeout a request body must arrive whole within this time, else 408
   * @param gatherWindow how long the first image waits for other requests' images to share its model call; zero
   *     reads each request on its own
   */
  public record Options(String host, int port, int workers, int maxBodyBytes, Duration requestTimeout,
      Duration gatherWindow) {
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Expected a port in [0, 65535], received " + port);
      }
      if (workers < 1) {
        throw new IllegalArgumentException("Expected workers >= 1, received " + workers);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("Expected a body limit of at least 1024 bytes, received " + maxBodyBytes);
      }
      if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("Expected a positive request timeout, received " + requestTimeout);
      }
      if (gatherWindow == null || gatherWindow.isNegative() || gatherWindow.toMillis() > 1000) {
        throw new IllegalArgumentException("Expected a gathering window from 0 to 1000 ms, received " + gatherWindow);
      }
    }

    public static Options defaults(String host, int port) {
      return new Options(host, port, Math.max(2, Runtime.getRuntime().availableProcessors()), 5 << 20,
          Duration.ofSeconds(10), DEFAULT_GATHER);
    }
  }

  /** The default gathering window. */
  public static final Duration DEFAULT_GATHER = Duration.ofMillis(2);
  /** The most images gathered into one model call. */
  private static final int GATHER_MAX = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Requests waiting for a model worker beyond this many get 503. */
  private static final int QUEUE = 256;
  /** How long {@link #close} waits for requests in flight. */
  private static final long DRAIN_MILLIS = 2000;
  /** Unread bodies up to this size are discarded before an error is answered; larger ones close the connection. */
  private static final long DRAIN_LIMIT = 64L << 20;
  /** A model call running longer than this makes {@code /readyz} say no. */
  private static final Duration STALLED = Duration.ofSeconds(10);
  /** Request bodies held at once, at most (each counted at its Content-Length, or the body limit when unknown). */
  private static final long MAX_IN_FLIGHT = 64L << 20;
  private final java.util.concurrent.atomic.AtomicLong inFlight = new java.util.concurrent.atomic.AtomicLong();

  private final Server server;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final Gathering gatherer;
  private final Answers answers;
  private final Options options;

  private PredictionServer(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options) {
    this.gatherer = options.gatherWindow().isZero() ? null
        : recognizer.gathering(options.gatherWindow(), GATHER_MAX);
    this.answers = new Answers(recognizer, gatherer, modelInfo);
    this.options = options;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "digits-serve-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    QueuedThreadPool io = new QueuedThreadPool();
    io.setName("digits-http");
    io.setDaemon(true);
    this.server = new Server(io);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        PredictionServer.this.handle(request, response, callback);
        return true;
      }
    }));
    server.setStopTimeout(DRAIN_MILLIS);
  }

  /**
   * Starts serving {@code recognizer} (which the caller keeps and closes after this server).
   *
   * @param modelInfo what {@code GET /v1/model} reports besides the signature
   * @throws IOException when the address cannot be bound
   */
  public static PredictionServer start(DigitRecognizer recognizer, Map<String, Object> modelInfo, Options options)
      throws IOException {
    PredictionServer s = new PredictionServer(recognizer, modelInfo, options);
    try {
      s.server.start();
    } catch (Exception e) {
      s.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return s;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting, lets requests in flight finish (up to 2 s), then stops the workers. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the workers below still stop
    }
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (gatherer != null) {
      gatherer.close();
    }
  }

  private void handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String query = request.getHttpURI().getQuery();
    try {
      switch (path) {
        case "/", "/index.html" -> {
          expect(method, "GET");
          Responses.send(response, callback, 200, "text/html; charset=utf-8", Responses.page());
        }
        case "/healthz" -> {
          expect(method, "GET");
          Responses.sendJson(response, callback, 200, JSON.createObjectNode().put("status", "ok"));
        }
        case "/readyz" -> {
          expect(method, "GET");
          Duration stalled = gatherer == null ? Duration.ZERO : gatherer.stalledFor();
          boolean ready = stalled.compareTo(STALLED) < 0;
          Responses.sendJson(response, callback, ready ? 200 : 503, JSON.createObjectNode()
              .put("status", ready ? "ready" : "stalled").put("model_call_seconds", stalled.toMillis() / 1000.0)
              .put("bytes_in_flight", inFlight.get()).put("queued", workers.getQueue().size()));
        }
        case "/v1/model" -> {
          expect(method, "GET");
          Responses.sendJson(response, callback, 200, answers.model());
        }
        case "/v1/predict" -> {
          expect(method, "POST");
          withBody(request, response, callback, answers::predict);
        }
        case "/v1/read" -> {
          expect(method, "POST");
          int expected = Requests.expectLength(query);
          double minConfidence = Requests.minConfidence(query);
          withBody(request, response, callback, body -> answers.read(body, expected, minConfidence));
        }
        default -> throw new ClientError(404, "no such endpoint: " + path
            + " (try GET /, GET /healthz, GET /readyz, GET /v1/model, POST /v1/predict, POST /v1/read)");
      }
    } catch (ClientError e) {
      afterBody(request, () -> Responses.sendJson(response, callback, e.status, Responses.error(e.getMessage())));
    } catch (IOException | RuntimeException e) {
      internalError(response, callback, e);
    }
  }

  /**
   * Runs {@code answer} once the request's body, unread, has been discarded (up to {@value #DRAIN_LIMIT} bytes and
   * the request time limit), so that a client still sending reads the answer instead of a broken connection.
   */
  private void afterBody(Request request, Runnable answer) {
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
  private interface Work {
    CompletableFuture<ObjectNode> apply(Requests.Body body) throws ClientError, IOException;
  }

  /**
   * Checks the headers, gathers the body as it arrives (no thread waits on a slow client), then hands it to a model
   * worker, which answers.
   */
  private void withBody(Request request, Response response, Callback callback, Work work) throws ClientError {
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

  private static final java.util.concurrent.atomic.AtomicLong FAILURES = new java.util.concurrent.atomic.AtomicLong();

  private static void internalError(Response response, Callback callback, Throwable e) {
    // Not the client's doing: the client gets an id to quote, the details go to stderr under that id.
    String id = "e" + FAILURES.incrementAndGet();
    System.err.println("digits serve: internal error " + id + " on " + response.getRequest().getHttpURI().getPath()
        + ": " + e);
    e.printStackTrace();
    Responses.sendJson(response, callback, 500, Responses.error("internal error " + id + ": "
        + e.getClass().getSimpleName()));
  }

  private static void expect(String method, String allowed) throws ClientError {
    if (!method.equals(allowed)) {
      throw new ClientError(405, "method " + method + " not allowed here; use " + allowed);
    }
  }
}
