package org.afterkernel.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * One split of a dataset exactly as stored in its files: 8-bit pixels (NHWC, image after image)
 * and class labels 0–9, in the order of the files. {@link #binary} turns it into a binary task.
 *
 * @param dataset the dataset
 * @param split train or test
 * @param pixels {@code count * dataset.imageSize()} unsigned bytes
 * @param labels one class label (0–9) per image
 * @param files the files read, in reading order (named in messages)
 */
public record RawSplit(Dataset dataset, Split split, byte[] pixels, byte[] labels, List<Path> files) {

  public RawSplit {
    if ((long) labels.length * dataset.imageSize() != pixels.length) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + pixels.length + " pixel bytes of " + dataset);
    }
    files = List.copyOf(files);
  }

  /** Number of images. */
  public int count() {
    return labels.length;
  }

  /** The class (0–9) of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Number of images of each class 0–9. */
  public int[] classCounts() {
    int[] counts = new int[Dataset.CLASSES];
    for (byte l : labels) {
      counts[l]++;
    }
    return counts;
  }

  /** All images as float32 in [0, 1] (pixel / 255), the 10-class view. */
  public Images images() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xff) / 255f;
    }
    return new Images(count(), dataset.height(), dataset.width(), dataset.channels(), out);
  }

  /**
   * The binary task of {@code pair}: the images of its two classes in file order, pixels / 255,
   * label 0 for the minus class and 1 for the plus class.
   *
   * @param firstN keep only the first {@code firstN} examples of the task; 0 keeps all
   * @throws AkException when a class of the pair has no image in this split's files
   */
  /**
   * The ten-class task: the first {@code firstN} images of the split (0: all) in file order,
   * pixels / 255, labelled with their classes 0–9.
   */
  public LabeledImages all(int firstN) {
    if (firstN < 0) {
      throw new AkException("first N = " + firstN + ": expected 0 (all examples) or more");
    }
    int n = firstN == 0 ? count() : Math.min(firstN, count());
    int size = dataset.imageSize();
    float[] out = new float[n * size];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = label(i);
      for (int j = 0, src = i * size, dst = i * size; j < size; j++) {
        out[dst + j] = (pixels[src + j] & 0xff) / 255f;
      }
    }
    return new LabeledImages(new Images(n, dataset.height(), dataset.width(), dataset.channels(), out), classes);
  }

  public LabeledImages binary(ClassPair pair, int firstN) {
    if (firstN < 0) {
      throw new AkException("first N = " + firstN + ": expected 0 (all examples) or more");
    }
    int[] counts = classCounts();
    for (int c : new int[] {pair.minus(), pair.plus()}) {
      if (counts[c] == 0) {
        throw new AkException(
            dataset + " " + split + ": class " + dataset.describeClass(c) + " has no examples in "
                + String.join(", ", files.stream().map(Path::toString).toList()) + "; these files hold " + describeCounts(counts));
      }
    }
    int total = counts[pair.minus()] + counts[pair.plus()];
    int n = firstN == 0 ? total : Math.min(firstN, total);
    int size = dataset.imageSize();
    float[] out = new float[n * size];
    int[] binaryLabels = new int[n];
    for (int i = 0, k = 0; k < n; i++) {
      int b = pair.binaryLabel(labels[i]);
      if (b < 0) {
        continue;
      }
      binaryLabels[k] = b;
      for (int j = 0, src = i * size, dst = k * size; j < size; j++) {
        out[dst + j] = (pixels[src + j] & 0xff) / 255f;
      }
      k++;
    }
    Images images = new Images(n, dataset.height(), dataset.width(), dataset.channels(), out);
    return new LabeledImages(images, binaryLabels);
  }

  /** The non-zero class counts as {@code 3 (cat): 5000, 5 (dog): 5000}. */
  private String describeCounts(int[] counts) {
    List<String> parts = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        parts.add(dataset.describeClass(c) + ": " + counts[c]);
      }
    }
    return parts.isEmpty() ? "no images" : String.join(", ", parts);
  }
}
