package org.afterkernel.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.afterkernel.AkException;

/**
 * Where a dataset's files are inside the data directory.
 *
 * <ul>
 *   <li>MNIST, in {@code <dir>/mnist/}: {@code train-images-idx3-ubyte}, {@code
 *       train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 *       each gzipped ({@code .gz}, as published; preferred when both exist) or not.
 *   <li>CIFAR-10, in {@code <dir>/cifar10/}: every {@code data_batch_*.bin} for training and every
 *       {@code test_batch*.bin} for testing, read in the order of their names (so {@code
 *       data_batch_1.bin} to {@code data_batch_5.bin} keep the dataset's order).
 * </ul>
 *
 * Hidden files (names starting with a dot, such as the temporary files of a download in progress)
 * never match.
 */
public final class DatasetLayout {
  /** The four MNIST files as published (gzipped), train images and labels, then test. */
  public static final List<String> MNIST_FILES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  /** The CIFAR-10 files that {@code ak data fetch} extracts from the official archive. */
  public static final List<String> CIFAR10_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin",
          "test_batch.bin",
          "batches.meta.txt");

  private static final Pattern CIFAR_TRAIN = Pattern.compile("data_batch_[^/]*\\.bin");
  private static final Pattern CIFAR_TEST = Pattern.compile("test_batch[^/]*\\.bin");

  private DatasetLayout() {}

  /**
   * The files of one split in reading order: for MNIST the image file then the label file, for
   * CIFAR-10 the batch files.
   *
   * @throws AkException when they are not there, saying which files and where
   */
  public static List<Path> files(Path dataDir, Dataset dataset, Split split) {
    List<Path> found = find(dataDir, dataset, split);
    if (found.isEmpty()) {
      throw new AkException(
          dataset + " " + split + " files are missing in " + DataDir.of(dataDir, dataset) + ": "
              + whereToPut(dataDir, dataset));
    }
    return found;
  }

  /** Whether both splits of {@code dataset} are present (complete file sets) in {@code dataDir}. */
  public static boolean isPresent(Path dataDir, Dataset dataset) {
    return !find(dataDir, dataset, Split.TRAIN).isEmpty()
        && !find(dataDir, dataset, Split.TEST).isEmpty();
  }

  /** The MNIST file named {@code gzName} (with {@code .gz}), gzipped or not, or null if absent. */
  static Path mnistFile(Path dataDir, String gzName) {
    Path dir = DataDir.of(dataDir, Dataset.MNIST);
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
    return Files.isRegularFile(plain) ? plain : null;
  }

  /** One line telling where to put the files by hand, for messages. */
  public static String whereToPut(Path dataDir, Dataset dataset) {
    Path dir = DataDir.of(dataDir, dataset).toAbsolutePath().normalize();
    return switch (dataset) {
      case MNIST -> "put " + String.join(", ", MNIST_FILES) + " (gzipped or not) in " + dir + "/";
      case CIFAR10 -> "put data_batch_1.bin ... data_batch_5.bin and test_batch.bin (the"
          + " cifar-10-batches-bin/ folder of cifar-10-binary.tar.gz) in " + dir + "/";
    };
  }

  /** The files of a split, or an empty list when any is missing. */
  static List<Path> find(Path dataDir, Dataset dataset, Split split) {
    if (dataset == Dataset.MNIST) {
      int first = split == Split.TRAIN ? 0 : 2;
      Path images = mnistFile(dataDir, MNIST_FILES.get(first));
      Path labels = mnistFile(dataDir, MNIST_FILES.get(first + 1));
      return images == null || labels == null ? List.of() : List.of(images, labels);
    }
    return matching(DataDir.of(dataDir, dataset), split == Split.TRAIN ? CIFAR_TRAIN : CIFAR_TEST);
  }

  private static List<Path> matching(Path dir, Pattern name) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(p -> name.matcher(p.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new AkException(dir + ": cannot list the directory: " + e.getMessage(), e);
    }
  }
}
