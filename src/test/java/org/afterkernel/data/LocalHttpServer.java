package org.afterkernel.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for download tests: serves registered bodies whole, or cut short
 * (the full length announced, half the bytes sent, then the connection dropped); every other path
 * is a 404.
 */
final class LocalHttpServer implements AutoCloseable {
  private record Body(byte[] bytes, boolean truncated) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final Map<String, Body> bodies = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  LocalHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT/prefix/}. */
  URI base(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix + "/");
  }

  /** Serves {@code bytes} at {@code /path}. */
  void serve(String path, byte[] bytes) {
    bodies.put("/" + path, new Body(bytes, false));
  }

  /** Announces {@code bytes.length} bytes at {@code /path} but sends only half, then hangs up. */
  void serveTruncated(String path, byte[] bytes) {
    bodies.put("/" + path, new Body(bytes, true));
  }

  /** Requests received so far. */
  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    Body body = bodies.get(ex.getRequestURI().getPath());
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(200, body.bytes.length);
    OutputStream out = ex.getResponseBody();
    try {
      out.write(body.bytes, 0, body.truncated ? body.bytes.length / 2 : body.bytes.length);
      out.flush();
      ex.close(); // with bytes missing, this drops the connection (and throws)
    } catch (IOException expectedWhenTruncated) {
      if (!body.truncated) {
        throw expectedWhenTruncated;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
