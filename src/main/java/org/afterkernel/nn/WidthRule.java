package org.afterkernel.nn;

/**
 * The original script's rules for choosing a width from a parameter budget ({@code
 * num_parameters}). They use approximate counts, so the resulting networks do not have exactly
 * that many parameters (PARITY.md §2): 1e5 gives a VGG width of 38 on MNIST (not the paper's 26)
 * and 1e6 gives 119; the MLP rule gives 94 on MNIST.
 */
public final class WidthRule {
  private WidthRule() {}

  /**
   * The script's approximate VGG count ({@code calc_vgg_param_count} with two classes): per block,
   * in*out*(1+f*f) for its first convolution and out*out*(1+f*f) for each other one, the field
   * halving (in floating point) per block, plus field*field*channels + 1 for the head.
   */
  public static double approximateVggCount(
      int imageSize, int inputChannels, int width, int filterSize, int numBlocks, int numLayers) {
    int layersPerBlock = numLayers / numBlocks;
    double count = 0;
    long channels = inputChannels;
    double field = imageSize;
    for (int b = 0; b < numBlocks; b++) {
      long next = b == 0 ? width : 2 * channels;
      count += (double) channels * next * (1 + filterSize * filterSize);
      channels = next;
      for (int l = 1; l < layersPerBlock; l++) {
        count += (double) channels * channels * (1 + filterSize * filterSize);
      }
      field /= 2;
    }
    return count + field * field * channels + 1;
  }

  /**
   * Smallest VGG width >= 4 whose approximate count reaches {@code numParameters}.
   *
   * @throws IllegalArgumentException when that width would exceed {@link NetworkSpec#MAX_WIDTH}
   */
  public static int vggWidth(
      double numParameters, int imageSize, int inputChannels, int filterSize, int numBlocks,
      int numLayers) {
    return smallest(4, numParameters,
        w -> approximateVggCount(imageSize, inputChannels, w, filterSize, numBlocks, numLayers));
  }

  /**
   * Smallest MLP width > 4 with in*w + (L-1)*(w+1)*w + w + 1 >= {@code numParameters} (the rule
   * ignores the first layer's bias); 4 when the budget is not positive, as the script's loop.
   *
   * @throws IllegalArgumentException when that width would exceed {@link NetworkSpec#MAX_WIDTH}
   */
  public static int mlpWidth(double numParameters, int inputSize, int numLayers) {
    if (!(numParameters > 0)) {
      return 4;
    }
    return smallest(5, numParameters,
        w -> (double) inputSize * w + (double) (numLayers - 1) * (w + 1) * w + w + 1);
  }

  /**
   * The smallest width from {@code from} on whose {@code count} reaches {@code budget}: what the
   * script's loop (width += 1 until the count reaches the budget) finds, by bisection, since the
   * counts grow with the width. A budget no width up to {@link NetworkSpec#MAX_WIDTH} reaches
   * (the script would loop for ever) is refused.
   */
  static int smallest(int from, double budget, java.util.function.IntToDoubleFunction count) {
    if (!(count.applyAsDouble(from) < budget)) {
      return from;
    }
    if (count.applyAsDouble(NetworkSpec.MAX_WIDTH) < budget) {
      throw new IllegalArgumentException("num_parameters " + budget + " needs a width above the largest allowed, "
          + NetworkSpec.MAX_WIDTH);
    }
    int lo = from; // count(lo) < budget
    int hi = NetworkSpec.MAX_WIDTH; // count(hi) >= budget
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (count.applyAsDouble(mid) < budget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /** The Sum network's width is the budget itself, as in the script ({@code nn_width = num_parameters}). */
  public static int sumWidth(double numParameters) {
    if (numParameters < 1 || numParameters > Integer.MAX_VALUE || numParameters != Math.rint(numParameters)) {
      throw new IllegalArgumentException(
          "the Sum network takes its width from num_parameters, which must be a positive integer, got "
              + numParameters);
    }
    return (int) numParameters;
  }
}
