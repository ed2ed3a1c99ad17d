package org.afterkernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.afterkernel.AkException;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * NumPy {@code .npz} archives: a zip of {@code .npy} files, one per named array, as {@code
 * numpy.savez} writes them and {@code numpy.load} reads them.
 */
public final class Npz {
  private Npz() {}

  /** Writes the arrays, in map order, atomically. */
  public static void write(Path file, Map<String, NpyArray> arrays) {
    AtomicFiles.write(
        file,
        out -> {
          ZipOutputStream zip = new ZipOutputStream(out);
          for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            Npy.writeTo(zip, e.getValue());
            zip.closeEntry();
          }
          zip.finish();
        });
  }

  /**
   * Reads every array, keyed by name (entry name without {@code .npy}). Each entry is decompressed
   * into memory first, so what is allocated follows the bytes the archive really holds, never the
   * sizes its headers claim.
   */
  public static Map<String, NpyArray> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AkException(file + ": no such file");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, NpyArray> out = new LinkedHashMap<>();
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(".npy")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        String key = name.substring(0, name.length() - 4);
        if (out.containsKey(key)) {
          throw new AkException(file + ": holds the array '" + key + "' twice");
        }
        out.put(key, Npy.read(file + "!" + name, new SeekableInMemoryByteChannel(bytes)));
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      // ZipFile reports a malformed entry name as IllegalArgumentException.
      throw new AkException(file + ": not a readable .npz archive (" + e.getMessage() + ")", e);
    }
  }
}
