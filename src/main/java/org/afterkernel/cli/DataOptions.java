package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that works on a binary task: {@code --data-dir}, {@code --dataset}
 * (default mnist) and {@code --classes MINUS,PLUS} (default 3,8, the original script's). A picocli
 * mixin: {@code @Mixin DataOptions data;}.
 *
 * <p>{@code --classes} is parsed when {@link #classes()} is called, so a bad pair is reported like
 * other bad input (one line, exit 1) rather than as a usage error.
 */
public final class DataOptions {
  @Mixin DatasetOptions dataset;

  @Option(
      names = "--classes",
      paramLabel = "MINUS,PLUS",
      defaultValue = "3,8",
      description =
          "The two classes of the binary task: MINUS gets label 0, PLUS label 1 (default"
              + " ${DEFAULT-VALUE}).")
  String classes;

  /** The data directory: {@code --data-dir}, else {@code $AK_DATA_DIR}, else the cache. */
  public Path dataDir() {
    return dataset.dataDir();
  }

  /** The dataset of {@code --dataset}. */
  public Dataset dataset() {
    return dataset.dataset();
  }

  /**
   * The class pair of {@code --classes}.
   *
   * @throws org.afterkernel.AkException when it is not two distinct classes in 0–9
   */
  public ClassPair classes() {
    return ClassPair.parse(classes);
  }
}
