package org.afterkernel.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterkernel.AkException;

/** SHA-256 and MD5 digests of files, and checksum lists in the format of {@code sha256sum}. */
public final class Checksums {
  /** The name of a checksum list, as written by {@code sha256sum FILES > SHA256SUMS}. */
  public static final String SUMS_FILE = "SHA256SUMS";

  // "<64 hex>  <path>" (text mode) or "<64 hex> *<path>" (binary mode).
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

  private Checksums() {}

  /** A new digest of {@code algorithm} ("SHA-256", "MD5"), both of which every JDK has. */
  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  /** The lower-case hex SHA-256 of {@code file}. */
  public static String sha256(Path file) {
    return hexDigest(file, "SHA-256");
  }

  /** The lower-case hex MD5 of {@code file}. */
  public static String md5(Path file) {
    return hexDigest(file, "MD5");
  }

  /** {@code bytes} as lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Reads a {@code sha256sum} list: path (as written in the list) to lower-case hex digest, in
   * file order. Blank lines and lines starting with {@code #} are skipped.
   *
   * @throws AkException naming the list and the line when a line is malformed
   */
  public static Map<String, String> readSums(Path sumsFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(sumsFile);
    } catch (IOException e) {
      throw new AkException(sumsFile + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, String> sums = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new AkException(
            sumsFile + ": line " + (i + 1) + " is not '<64 hex digits>  <path>' (sha256sum"
                + " format): '" + line + "'");
      }
      sums.put(m.group(2), m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return sums;
  }

  /** The text of a {@code sha256sum} list of {@code sums} (path to hex digest). */
  public static String formatSums(Map<String, String> sums) {
    StringBuilder b = new StringBuilder();
    sums.forEach((path, hex) -> b.append(hex).append("  ").append(path).append('\n'));
    return b.toString();
  }

  private static String hexDigest(Path file, String algorithm) {
    MessageDigest md = digest(algorithm);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
    return hex(md.digest());
  }
}
