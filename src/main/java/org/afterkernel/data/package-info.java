/**
 * Datasets: readers for the original MNIST IDX and CIFAR-10 binary files, binary tasks made of
 * two classes, the data directory, and verified downloads from the datasets' public homes.
 *
 * <p>Entry points: {@link org.afterkernel.data.Datasets#load} returns a binary task ({@link
 * org.afterkernel.data.LabeledImages}: NHWC float32 pixels / 255, label 0 for the minus class and
 * 1 for the plus class, in the order of the original files), fetching the dataset on first use;
 * {@link org.afterkernel.data.Datasets#loadSplit} returns all ten classes of a split ({@link
 * org.afterkernel.data.RawSplit}). {@link org.afterkernel.data.DataDir} says where the data lives
 * ({@code --data-dir}, {@code AK_DATA_DIR}, {@code ~/.cache/afterkernel}); {@link
 * org.afterkernel.data.DatasetLayout} where each file is inside it. {@link
 * org.afterkernel.data.DatasetFetcher} downloads (temporary file, checksum, rename: never a partial
 * file) and {@link org.afterkernel.data.DatasetVerifier} checks checksums and structure.
 *
 * <p>Every problem with the user's files is an {@link org.afterkernel.AkException} whose one-line
 * message names the file and says what was found and what was expected.
 */
package org.afterkernel.data;
