package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.data.DataDir;
import org.afterkernel.data.Dataset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options naming a dataset and where it lives: {@code --data-dir} and {@code --dataset}. A picocli
 * mixin ({@code @Mixin DatasetOptions data;}); {@link DataOptions} adds the class pair.
 */
public final class DatasetOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory holding mnist/ and cifar10/ (default: $AK_DATA_DIR, else"
              + " ~/.cache/afterkernel).")
  Path dataDir;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      defaultValue = "mnist",
      converter = DatasetConverter.class,
      description = "Dataset: mnist or cifar10 (default ${DEFAULT-VALUE}).")
  Dataset dataset;

  /** The data directory: {@code --data-dir}, else {@code $AK_DATA_DIR}, else the cache. */
  public Path dataDir() {
    return DataDir.resolve(dataDir);
  }

  /** The dataset of {@code --dataset}. */
  public Dataset dataset() {
    return dataset;
  }

  /** Reads {@code mnist} / {@code cifar10} in any case; anything else is a usage error. */
  static final class DatasetConverter implements ITypeConverter<Dataset> {
    @Override
    public Dataset convert(String value) {
      try {
        return Dataset.fromName(value);
      } catch (RuntimeException e) {
        throw new TypeConversionException("expected mnist or cifar10, got '" + value + "'");
      }
    }
  }
}
