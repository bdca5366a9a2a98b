package digits.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** A web folder holding the gzip IDX files under their LeCun names, such as {@code train-images-idx3-ubyte.gz}. */
public record HttpMirror(URI base, Duration connectTimeout, Duration readTimeout) implements DatasetSource {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  public HttpMirror(String base) {
    this(URI.create(base.endsWith("/") ? base : base + "/"), CONNECT_TIMEOUT, READ_TIMEOUT);
  }

  @Override
  public String describe() {
    return base.toString();
  }

  @Override
  public void download(DatasetFiles.Part part, Path target) throws IOException {
    URI uri = base.resolve(part.fileName() + ".gz");
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    try {
      int status = connection.getResponseCode();
      if (status != HttpURLConnection.HTTP_OK) {
        throw new IOException(uri + " answered HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      connection.disconnect();
    }
  }
}
