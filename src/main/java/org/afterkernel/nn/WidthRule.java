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

  /** Smallest VGG width >= 4 whose approximate count reaches {@code numParameters}. */
  public static int vggWidth(
      double numParameters, int imageSize, int inputChannels, int filterSize, int numBlocks,
      int numLayers) {
    int width = 4;
    while (approximateVggCount(imageSize, inputChannels, width, filterSize, numBlocks, numLayers)
        < numParameters) {
      width++;
    }
    return width;
  }

  /**
   * Smallest MLP width > 4 with in*w + (L-1)*(w+1)*w + w + 1 >= {@code numParameters} (the rule
   * ignores the first layer's bias).
   */
  public static int mlpWidth(double numParameters, int inputSize, int numLayers) {
    int width = 4;
    double count = 0;
    while (count < numParameters) {
      width++;
      count = (double) inputSize * width + (double) (numLayers - 1) * (width + 1) * width + width + 1;
    }
    return width;
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
