package digits.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load on a running server: concurrent clients post PNG images for a fixed time ({@link #run}); or, while many
 * clients trickle a request body a byte a second, how fast {@code /healthz} and a normal prediction still answer
 * ({@link #underSlowClients}).
 */
public final class ServeBenchmark {
  /** What was measured. */
  public record Result(long requests, long errors, double requestsPerSecond, double p50Ms, double p99Ms) {}

  /**
   * Latencies while {@code slowClients} connections each send a request's headers and then one byte of its body a
   * second (reconnecting when the server closes one).
   *
   * @param connected slow connections open at the end
   * @param reconnects slow connections the server closed (a body not whole in time) and the client reopened
   */
  public record SlowClientResult(int slowClients, int connected, long reconnects, double healthP50Ms,
      double healthMaxMs, double predictP50Ms, double predictMaxMs, long requests, long errors) {}

  private ServeBenchmark() {}

  /**
   * Opens {@code slowClients} slow connections to the server at {@code base}, waits until each has sent its headers
   * and a first byte, then for {@code seconds} alternately asks {@code GET /healthz} and posts {@code png} to
   * {@code /v1/predict} from one ordinary client, a tenth of a second apart.
   */
  public static SlowClientResult underSlowClients(URI base, byte[] png, int slowClients, int seconds)
      throws Exception {
    String head = "POST /v1/predict HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: image/png\r\n"
        + "Content-Length: 1000000\r\n\r\n";
    java.net.Socket[] slow = new java.net.Socket[slowClients];
    java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();
    for (int i = 0; i < slowClients; i++) {
      slow[i] = openSlow(base, head);
    }
    var trickle = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slow-clients");
      t.setDaemon(true);
      return t;
    });
    trickle.scheduleAtFixedRate(() -> {
      for (int i = 0; i < slow.length; i++) {
        try {
          slow[i].getOutputStream().write('x');
          slow[i].getOutputStream().flush();
        } catch (IOException e) {
          close(slow[i]);
          try {
            slow[i] = openSlow(base, head);
            reconnects.incrementAndGet();
          } catch (IOException again) {
            // counted as not connected at the end
          }
        }
      }
    }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30)).build();
    List<Long> health = new ArrayList<>();
    List<Long> predict = new ArrayList<>();
    long errors = 0;
    try {
      Thread.sleep(1500);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      for (int i = 0; System.nanoTime() < end; i++) {
        boolean isHealth = i % 2 == 0;
        HttpRequest request = isHealth ? HttpRequest.newBuilder(base.resolve("/healthz")).build()
            : HttpRequest.newBuilder(base.resolve("/v1/predict")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
        long t = System.nanoTime();
        try {
          if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            errors++;
          }
        } catch (IOException e) {
          errors++;
        }
        (isHealth ? health : predict).add(System.nanoTime() - t);
        Thread.sleep(100);
      }
    } finally {
      trickle.shutdownNow();
      trickle.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    int connected = 0;
    for (java.net.Socket s : slow) {
      if (s != null && !s.isClosed()) {
        try {
          s.getOutputStream().write('x');
          connected++;
        } catch (IOException e) {
          // closed by the server
        }
      }
      close(s);
    }
    long[] h = health.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] p = predict.stream().mapToLong(Long::longValue).sorted().toArray();
    return new SlowClientResult(slowClients, connected, reconnects.get(), h[h.length / 2] / 1e6,
        h[h.length - 1] / 1e6, p[p.length / 2] / 1e6, p[p.length - 1] / 1e6, h.length + p.length, errors);
  }

  private static java.net.Socket openSlow(URI base, String head) throws IOException {
    java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort());
    s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.getOutputStream().write('x');
    s.getOutputStream().flush();
    return s;
  }

  private static void close(java.net.Socket s) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // already gone
    }
  }

  /** {@code clients} clients post {@code bodies} (round robin) as image/png to {@code uri} for {@code seconds}. */
  public static Result run(URI uri, List<byte[]> bodies, int clients, int seconds) throws Exception {
    ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      List<Future<long[]>> results = new ArrayList<>();
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      for (int c = 0; c < clients; c++) {
        int offset = c;
        results.add(pool.submit(() -> {
          long ok = 0;
          long errors = 0;
          for (int i = offset; System.nanoTime() < end; i += clients) {
            long t = System.nanoTime();
            try {
              var r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "image/png")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                ok++;
              } else {
                errors++;
              }
            } catch (IOException e) {
              errors++;
            }
            latencies.add(System.nanoTime() - t);
          }
          return new long[] {ok, errors};
        }));
      }
      long ok = 0;
      long errors = 0;
      for (Future<long[]> f : results) {
        ok += f.get()[0];
        errors += f.get()[1];
      }
      long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Result(ok + errors, errors, (ok + errors) / (double) seconds, l[l.length / 2] / 1e6,
          l[(int) Math.ceil(l.length * 0.99) - 1] / 1e6);
    } finally {
      pool.shutdownNow();
      clientThreads.shutdownNow();
    }
  }
}
