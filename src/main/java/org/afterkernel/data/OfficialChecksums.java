package org.afterkernel.data;

import java.util.Map;

/**
 * Checksums of the datasets' official files, built in so that a download or a file put in place
 * by hand can be checked without trusting the place it came from.
 */
final class OfficialChecksums {
  private OfficialChecksums() {}

  /**
   * SHA-256 of the four official MNIST files, gzipped as published and decompressed (their MD5s
   * match the published ones: f68b3c2d…, d53e105e…, 9fb629c4…, ec29112d…).
   */
  static final Map<String, String> MNIST_SHA256 =
      Map.of(
          "train-images-idx3-ubyte.gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          "train-labels-idx1-ubyte.gz",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          "t10k-images-idx3-ubyte.gz",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          "t10k-labels-idx1-ubyte.gz",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
          "train-images-idx3-ubyte",
          "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
          "train-labels-idx1-ubyte",
          "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
          "t10k-images-idx3-ubyte",
          "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
          "t10k-labels-idx1-ubyte",
          "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

  /** The official CIFAR-10 binary archive. */
  static final String CIFAR10_ARCHIVE = "cifar-10-binary.tar.gz";

  /** MD5 of {@link #CIFAR10_ARCHIVE} as published on the dataset's home page. */
  static final String CIFAR10_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

  /** The folder of the batch files inside {@link #CIFAR10_ARCHIVE}. */
  static final String CIFAR10_ARCHIVE_FOLDER = "cifar-10-batches-bin/";
}
