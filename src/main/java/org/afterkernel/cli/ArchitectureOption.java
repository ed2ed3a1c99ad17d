package org.afterkernel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --architecture FILE.json}: the architecture ({@code model.to_json()}) of a weights-only
 * HDF5 file, when it is not in {@code X.json} beside {@code X.h5}. A picocli mixin.
 */
public final class ArchitectureOption {
  @Option(names = "--architecture", paramLabel = "FILE.json",
      description = "The model.to_json() architecture of a weights-only .h5 file (save_weights); default:"
          + " X.json beside X.h5.")
  Path architecture;

  /** The architecture file given, or null. */
  public Path architecture() {
    return architecture;
  }
}
