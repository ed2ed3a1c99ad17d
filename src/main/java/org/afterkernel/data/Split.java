package org.afterkernel.data;

/** The official train/test split of a dataset. */
public enum Split {
  /** The training split (MNIST: 60,000 images; CIFAR-10: 50,000). */
  TRAIN("train"),
  /** The test split (10,000 images in both datasets). */
  TEST("test");

  private final String label;

  Split(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
