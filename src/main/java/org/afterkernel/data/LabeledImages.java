package org.afterkernel.data;

/**
 * Images with labels, in the order of the original files: binary labels (0 for the minus class, 1
 * for the plus class) for a binary task, classes 0–9 for the ten-class task.
 *
 * @param images the images
 * @param labels one label per image: 0 or 1, or the class
 */
public record LabeledImages(Images images, int[] labels) {

  public LabeledImages {
    if (labels.length != images.count()) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + images.count() + " images");
    }
  }

  /** Number of examples. */
  public int count() {
    return labels.length;
  }

  /** The first {@code n} examples (all of them when {@code n} is at least the count). */
  public LabeledImages first(int n) {
    if (n >= count()) {
      return this;
    }
    return new LabeledImages(images.slice(0, n), java.util.Arrays.copyOf(labels, n));
  }

  /** The examples at the given indices, in that order. */
  public LabeledImages select(int[] indices) {
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      l[i] = labels[indices[i]];
    }
    return new LabeledImages(images.select(indices), l);
  }
}
