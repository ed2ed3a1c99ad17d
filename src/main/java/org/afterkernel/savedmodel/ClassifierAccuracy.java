package org.afterkernel.savedmodel;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How well a classifier's outputs predict labelled images: the accuracy of the largest output, and
 * (when only some classes occur, as in the cat and dog images of CIFAR-10 here) the accuracy of the
 * largest output among the classes that occur. For a trained classifier whose weights were read
 * right this is far above chance; a misread weight makes the outputs an unrelated function of the
 * image, whose accuracy is that of guessing. Chance is the accuracy of always answering the most
 * frequent class (at least 1 / the number of classes); the accuracy is "near chance" when it is
 * within three standard errors of that, sqrt(chance (1 - chance) / images).
 *
 * @param images images scored
 * @param outputs outputs per image
 * @param accuracy fraction whose largest output is their label
 * @param present the classes that occur among the labels, ascending
 * @param presentAccuracy fraction whose largest output among {@code present} is their label
 * @param chance the fraction of the most frequent class
 * @param nearChance whether {@code presentAccuracy <= chance + 3 sqrt(chance (1 - chance) / images)}
 */
public record ClassifierAccuracy(int images, int outputs, double accuracy, int[] present, double presentAccuracy,
    double chance, boolean nearChance) {

  /** Standard errors above chance that count as "above chance". */
  public static final double STANDARD_ERRORS = 3;

  public ClassifierAccuracy {
    present = present.clone();
  }

  @Override
  public int[] present() {
    return present.clone();
  }

  /**
   * Scores {@code outputs} ({@code labels.length} rows of {@code width}) against {@code labels}, or
   * returns null when they cannot be class scores of those labels (fewer than two outputs, or a
   * label with no output).
   */
  public static ClassifierAccuracy of(float[] outputs, int width, int[] labels) {
    int n = labels.length;
    if (n == 0 || width < 2 || outputs.length != n * width || Arrays.stream(labels).anyMatch(l -> l < 0 || l >= width)) {
      return null;
    }
    int[] counts = new int[width];
    for (int l : labels) {
      counts[l]++;
    }
    int[] present = IntStream.range(0, width).filter(k -> counts[k] > 0).toArray();
    int right = 0;
    int rightPresent = 0;
    for (int i = 0; i < n; i++) {
      right += argmax(outputs, i * width, IntStream.range(0, width).toArray()) == labels[i] ? 1 : 0;
      rightPresent += argmax(outputs, i * width, present) == labels[i] ? 1 : 0;
    }
    double chance = Arrays.stream(counts).max().orElseThrow() / (double) n;
    double presentAccuracy = rightPresent / (double) n;
    boolean near = presentAccuracy <= chance + STANDARD_ERRORS * Math.sqrt(chance * (1 - chance) / n);
    return new ClassifierAccuracy(n, width, right / (double) n, present, presentAccuracy, chance, near);
  }

  /** The class among {@code classes} with the largest output (the first of equals). */
  private static int argmax(float[] outputs, int offset, int[] classes) {
    int best = classes[0];
    for (int k : classes) {
      if (outputs[offset + k] > outputs[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  /** True when every class 0 .. outputs-1 occurs. */
  public boolean allClassesPresent() {
    return present.length == outputs;
  }
}
