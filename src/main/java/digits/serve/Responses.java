package digits.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What the server sends back: JSON bodies, error objects, and the draw-a-digit page. */
final class Responses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  static void sendJson(HttpExchange x, int status, JsonNode body) throws IOException {
    sendBytes(x, status, "application/json", JSON.writeValueAsBytes(body));
  }

  static void sendBytes(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
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
}
