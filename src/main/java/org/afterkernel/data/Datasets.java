package org.afterkernel.data;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;

/**
 * Loads datasets from the data directory, fetching a dataset from its public home first when its
 * files are missing. Everything keeps the order of the original files (not the order of
 * tensorflow-datasets, which the original script used; see docs/data.md).
 */
public final class Datasets {
  private Datasets() {}

  /**
   * The binary task {@code pair} of one split: pixels / 255, label 0 for {@code pair.minus()} and
   * 1 for {@code pair.plus()}, in file order, fetching the dataset first when it is missing.
   *
   * @param firstN keep the first {@code firstN} examples of the task; 0 keeps all
   * @throws AkException when the files are missing and cannot be fetched, are malformed, or hold
   *     no example of a class of the pair
   */
  public static LabeledImages load(
      Path dataDir, Dataset dataset, Split split, ClassPair pair, int firstN) {
    return loadSplit(dataDir, dataset, split).binary(pair, firstN);
  }

  /** All ten classes of one split, fetching the dataset first when it is missing. */
  public static RawSplit loadSplit(Path dataDir, Dataset dataset, Split split) {
    return loadSplit(dataDir, dataset, split, DatasetFetcher.fromEnvironment(stderr()));
  }

  /** {@link #loadSplit(Path, Dataset, Split)} with the fetcher to use when files are missing. */
  public static RawSplit loadSplit(
      Path dataDir, Dataset dataset, Split split, DatasetFetcher fetcher) {
    ensurePresent(dataDir, dataset, fetcher);
    return read(dataDir, dataset, split);
  }

  /** Fetches {@code dataset} into {@code dataDir} with {@code fetcher} unless it is present. */
  public static void ensurePresent(Path dataDir, Dataset dataset, DatasetFetcher fetcher) {
    if (!DatasetLayout.isPresent(dataDir, dataset)) {
      fetcher.log().printf(
          "ak: %s is not in %s: fetching it (ak data fetch --dataset %s)%n",
          dataset, DataDir.of(dataDir, dataset), dataset);
      fetcher.log().flush();
      fetcher.fetch(dataDir, dataset);
    }
  }

  /** Reads one split from the files present, never fetching. */
  public static RawSplit read(Path dataDir, Dataset dataset, Split split) {
    List<Path> files = DatasetLayout.files(dataDir, dataset, split);
    if (dataset == Dataset.MNIST) {
      return readMnist(split, files.get(0), files.get(1));
    }
    CifarReader.Records r = CifarReader.read(files);
    return new RawSplit(dataset, split, r.pixels(), r.labels(), files);
  }

  /** Reads an MNIST image file and its label file, which must hold as many labels as images. */
  static RawSplit readMnist(Split split, Path imageFile, Path labelFile) {
    Dataset d = Dataset.MNIST;
    IdxReader.IdxImages images = IdxReader.readImages(imageFile, d.height(), d.width());
    byte[] labels = IdxReader.readLabels(labelFile);
    checkCounts(imageFile, images.count(), labelFile, labels.length);
    return new RawSplit(d, split, images.pixels(), labels, List.of(imageFile, labelFile));
  }

  static void checkCounts(Path imageFile, int images, Path labelFile, int labels) {
    if (images != labels) {
      throw new AkException(
          labelFile + ": " + labels + " labels, but " + imageFile + " holds " + images
              + " images: the label count must match the image count");
    }
  }

  private static PrintWriter stderr() {
    return new PrintWriter(System.err, true);
  }
}
