package digits.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** What the server sends back: JSON bodies, error objects, and the draw-a-digit page. */
final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  static void sendJson(Response response, Callback callback, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    send(response, callback, status, "application/json", bytes);
  }

  static void send(Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static byte[] page;

  static synchronized byte[] page() throws IOException {
    if (page == null) {
      try (InputStream in = Responses.class.getResourceAsStream("index.html")) {
        if (in == null) {
          throw new IOException("index.html missing from the build");
        }
        page = in.readAllBytes();
      }
    }
    return page;
  }

  private static byte[] openApi;

  /** The OpenAPI 3.1 description of every endpoint (a resource; {@code docs/openapi.json} is the same file). */
  static synchronized byte[] openApi() throws IOException {
    if (openApi == null) {
      try (InputStream in = Responses.class.getResourceAsStream("openapi.json")) {
        if (in == null) {
          throw new IOException("openapi.json missing from the build");
        }
        openApi = in.readAllBytes();
      }
    }
    return openApi;
  }
}
