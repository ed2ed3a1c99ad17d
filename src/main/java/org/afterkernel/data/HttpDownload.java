package org.afterkernel.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Versions;

/**
 * Downloads one URL into a new hidden temporary file ({@code .NAME.*.part}) beside its final
 * place, computing SHA-256 and MD5 on the way. The caller checks the digests and renames the file
 * into place, so no reader ever sees a partial or unverified file, and two processes fetching at
 * once each write their own temporary file. On any failure the temporary file is deleted; it is
 * also deleted if the JVM exits (e.g. on Ctrl-C) before the caller has renamed it.
 */
final class HttpDownload {
  /** Connection timeout: short, so that a machine without network fails fast. */
  static final int CONNECT_TIMEOUT_MS = 10_000;
  /** Longest wait for the next bytes of a transfer. */
  static final int READ_TIMEOUT_MS = 60_000;

  private HttpDownload() {}

  /** A completed download: the temporary file, its size and digests (lower-case hex). */
  record Result(Path file, long bytes, String sha256, String md5) {}

  /** Why a download failed, in a short phrase without the URL (the caller adds it). */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Downloads {@code url} into a new temporary file in {@code dir} named after {@code name}.
   *
   * @throws Failure on an HTTP status other than 200, a network error, a timeout, or a transfer
   *     shorter than its announced length; the temporary file is then already deleted
   */
  static Result toTempFile(URI url, Path dir, String name, boolean showProgress)
      throws Failure, IOException {
    Files.createDirectories(dir);
    Path tmp = TempFiles.create(dir, name);
    boolean done = false;
    try {
      Result r = transfer(url, tmp, name, showProgress);
      done = true;
      return r;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static Result transfer(URI url, Path tmp, String name, boolean showProgress)
      throws Failure {
    HttpURLConnection c = null;
    long got = 0;
    long expected = -1;
    try {
      c = (HttpURLConnection) url.toURL().openConnection();
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
      c.setInstanceFollowRedirects(true);
      c.setRequestProperty("User-Agent", "afterkernel/" + Versions.afterkernel());
      int code = c.getResponseCode();
      if (code != HttpURLConnection.HTTP_OK) {
        throw new Failure("HTTP " + code + " " + nonNull(c.getResponseMessage()), null);
      }
      expected = c.getContentLengthLong();
      MessageDigest sha = Checksums.digest("SHA-256");
      MessageDigest md5 = Checksums.digest("MD5");
      byte[] buf = new byte[1 << 16];
      try (InputStream in = c.getInputStream();
          OutputStream out = Files.newOutputStream(tmp);
          Progress p = progress(name, expected, showProgress)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          sha.update(buf, 0, n);
          md5.update(buf, 0, n);
          got += n;
          p.step((got >> 10) - p.done());
        }
      }
      if (expected >= 0 && got != expected) {
        throw new Failure("truncated transfer: " + got + " of " + expected + " bytes", null);
      }
      return new Result(tmp, got, Checksums.hex(sha.digest()), Checksums.hex(md5.digest()));
    } catch (UnknownHostException e) {
      throw new Failure("unknown host " + e.getMessage() + " (no network?)", e);
    } catch (ConnectException e) {
      throw new Failure("cannot connect (" + e.getMessage() + ")", e);
    } catch (SocketTimeoutException e) {
      throw new Failure("timed out (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      String where = got > 0 ? " after " + got + (expected >= 0 ? " of " + expected : "") + " bytes" : "";
      throw new Failure("transfer failed" + where + ": " + e.getMessage(), e);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static Progress progress(String name, long bytes, boolean show) {
    return show ? Progress.start("download " + name, bytes > 0 ? bytes >> 10 : 0, "KiB")
        : Progress.silent();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
