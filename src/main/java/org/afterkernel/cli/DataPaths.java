package org.afterkernel.cli;

import java.nio.file.Path;

/** Paths of dataset files as shown to the user: relative to the data directory when inside it. */
final class DataPaths {
  private DataPaths() {}

  static String relative(Path dataDir, Path file) {
    Path d = dataDir.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return f.startsWith(d) && !f.equals(d) ? d.relativize(f).toString() : f.toString();
  }
}
