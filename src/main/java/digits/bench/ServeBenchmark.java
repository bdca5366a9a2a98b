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

/** Load on a running server: concurrent clients post PNG images for a fixed time. */
public final class ServeBenchmark {
  /** What was measured. */
  public record Result(long requests, long errors, double requestsPerSecond, double p50Ms, double p99Ms) {}

  private ServeBenchmark() {}

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
