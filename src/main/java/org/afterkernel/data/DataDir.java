package org.afterkernel.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where datasets live: {@code --data-dir} when given, else the environment variable {@code
 * AK_DATA_DIR}, else {@code ~/.cache/afterkernel}. Inside it, each dataset has its own
 * subdirectory ({@code mnist/}, {@code cifar10/}).
 */
public final class DataDir {
  /** The environment variable naming the data directory. */
  public static final String ENV = "AK_DATA_DIR";

  private DataDir() {}

  /** The data directory: {@code cliValueOrNull}, else {@code $AK_DATA_DIR}, else the cache. */
  public static Path resolve(Path cliValueOrNull) {
    return resolve(cliValueOrNull, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@link #resolve(Path)} with the environment and home directory given (for tests). */
  static Path resolve(Path cliValueOrNull, Map<String, String> env, Path home) {
    if (cliValueOrNull != null) {
      return cliValueOrNull;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return home.resolve(".cache").resolve("afterkernel");
  }

  /** The subdirectory of {@code dataDir} holding {@code dataset}'s files. */
  public static Path of(Path dataDir, Dataset dataset) {
    return dataDir.resolve(dataset.cliName());
  }
}
