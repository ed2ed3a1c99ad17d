package org.afterkernel.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.afterkernel.AkException;

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

  /** Reads every array, keyed by name (entry name without {@code .npy}). */
  public static Map<String, NpyArray> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AkException(file + ": no such file");
    }
    URI uri = URI.create("jar:" + file.toAbsolutePath().toUri());
    try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
      Map<String, NpyArray> out = new LinkedHashMap<>();
      for (Path entry : entries(zip)) {
        String name = entry.toString().replaceFirst("^/", "");
        if (name.endsWith(".npy")) {
          out.put(name.substring(0, name.length() - 4), Npy.read(entry));
        }
      }
      return out;
    } catch (IOException | java.util.zip.ZipError | java.nio.file.ProviderNotFoundException e) {
      throw new AkException(file + ": not a readable .npz archive (" + e.getMessage() + ")");
    }
  }

  private static List<Path> entries(FileSystem zip) throws IOException {
    try (Stream<Path> s = Files.walk(zip.getPath("/"))) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
