package org.afterkernel.nn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable, validated description of one of the study's networks for images of a given shape:
 * everything needed to rebuild it exactly.
 *
 * @param architecture VGG, MLP or Sum
 * @param width channels of the first VGG block, hidden units of the MLP / Sum network
 * @param numBlocks VGG blocks (channels double from block to block)
 * @param numLayers VGG convolutions in all (split evenly over blocks), or MLP hidden layers
 * @param filterSize VGG convolution size
 * @param poolSize VGG pooling size and stride
 * @param height input image height
 * @param imageWidth input image width
 * @param channels input image channels
 */
public record NetworkSpec(
    Architecture architecture,
    int width,
    int numBlocks,
    int numLayers,
    int filterSize,
    int poolSize,
    int height,
    int imageWidth,
    int channels) {

  /** Most layers (and blocks) a network may have: far beyond any the study uses. */
  public static final int MAX_LAYERS = 1000;
  /** Widest layer a network may have. */
  public static final int MAX_WIDTH = 1 << 20;

  public NetworkSpec {
    require(architecture != null, "architecture", null, "VGG, MLP or SUM");
    require(width >= 1 && width <= MAX_WIDTH, "width", width, "1.." + MAX_WIDTH);
    require(numLayers <= MAX_LAYERS && numBlocks <= MAX_LAYERS, "num_layers/num_blocks", numLayers + "/" + numBlocks,
        "at most " + MAX_LAYERS);
    require(height >= 1 && imageWidth >= 1 && channels >= 1, "image shape",
        height + "x" + imageWidth + "x" + channels, "positive dimensions");
    if (architecture == Architecture.VGG) {
      require(numBlocks >= 1, "num_blocks", numBlocks, ">= 1");
      require(numLayers >= numBlocks, "num_layers", numLayers, ">= num_blocks (" + numBlocks + ")");
      require(filterSize >= 1, "filter_size", filterSize, ">= 1");
      require(poolSize >= 1, "pool_size", poolSize, ">= 1");
    }
    if (architecture == Architecture.MLP) {
      require(numLayers >= 1, "num_layers", numLayers, ">= 1");
    }
  }

  private static void require(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + " is " + value + ", expected " + expected);
    }
  }

  /** The named presets of the paper: vgg (26), mega-vgg (119), mlp (4 x 94), sum (16). */
  public static NetworkSpec preset(String name, int height, int imageWidth, int channels) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "vgg" -> new NetworkSpec(Architecture.VGG, 26, 2, 4, 3, 2, height, imageWidth, channels);
      case "mega-vgg" -> new NetworkSpec(Architecture.VGG, 119, 2, 4, 3, 2, height, imageWidth, channels);
      case "mlp" -> new NetworkSpec(Architecture.MLP, 94, 2, 4, 3, 2, height, imageWidth, channels);
      case "sum" -> new NetworkSpec(Architecture.SUM, 16, 2, 4, 3, 2, height, imageWidth, channels);
      default -> throw new IllegalArgumentException(
          "unknown architecture '" + name + "' (expected one of " + PRESETS + ")");
    };
  }

  /** Names accepted by {@link #preset}. */
  public static final List<String> PRESETS = List.of("vgg", "mega-vgg", "mlp", "sum");

  /** The same network with another width. */
  public NetworkSpec withWidth(int newWidth) {
    return new NetworkSpec(architecture, newWidth, numBlocks, numLayers, filterSize, poolSize,
        height, imageWidth, channels);
  }

  /** The same network with the width the original script derives from {@code numParameters}. */
  public NetworkSpec withParameterBudget(double numParameters) {
    if (height != imageWidth && architecture == Architecture.VGG) {
      throw new IllegalArgumentException("the VGG budget rule assumes square images, got "
          + height + "x" + imageWidth);
    }
    int w = switch (architecture) {
      case VGG -> WidthRule.vggWidth(numParameters, height, channels, filterSize, numBlocks, numLayers);
      case MLP -> WidthRule.mlpWidth(numParameters, height * imageWidth * channels, numLayers);
      case SUM -> WidthRule.sumWidth(numParameters);
    };
    return withWidth(w);
  }

  /** Per-example input shape (height, width, channels). */
  @JsonIgnore
  public long[] inputShape() {
    return new long[] {height, imageWidth, channels};
  }

  /** The layers, named as Keras names them ({@code conv2d}, {@code conv2d_1}, ...). */
  public Sequential toSequential() {
    Map<String, Integer> counters = new HashMap<>();
    List<Layer> layers = new ArrayList<>();
    switch (architecture) {
      case VGG -> {
        int perBlock = numLayers / numBlocks;
        int ch = width;
        for (int b = 0; b < numBlocks; b++) {
          for (int l = 0; l < perBlock; l++) {
            layers.add(new Conv2D(name(counters, "conv2d"), ch, filterSize, Padding.SAME, Activation.RELU));
          }
          layers.add(Pooling2D.max(name(counters, "max_pooling2d"), poolSize, Padding.SAME));
          ch *= 2;
        }
        layers.add(new Flatten(name(counters, "flatten")));
      }
      case MLP -> {
        layers.add(new Flatten(name(counters, "flatten")));
        for (int l = 0; l < numLayers; l++) {
          layers.add(new Dense(name(counters, "dense"), width, Activation.RELU));
        }
      }
      case SUM -> {
        layers.add(new PixelSum(name(counters, "pixel_sum")));
        layers.add(new Flatten(name(counters, "flatten")));
        layers.add(new Dense(name(counters, "dense"), width, Activation.RELU));
      }
    }
    layers.add(new Dense(name(counters, "dense"), 1, Activation.LINEAR));
    return new Sequential(layers);
  }

  private static String name(Map<String, Integer> counters, String base) {
    int k = counters.merge(base, 1, Integer::sum) - 1;
    return k == 0 ? base : base + "_" + k;
  }

  /** A short label such as {@code vgg(width=26, blocks=2, layers=4, 3x3, pool 2) on 28x28x1}. */
  public String label() {
    String body = switch (architecture) {
      case VGG -> String.format("vgg(width=%d, blocks=%d, layers=%d, filter=%d, pool=%d)",
          width, numBlocks, numLayers, filterSize, poolSize);
      case MLP -> String.format("mlp(width=%d, layers=%d)", width, numLayers);
      case SUM -> String.format("sum(width=%d)", width);
    };
    return body + " on " + height + "x" + imageWidth + "x" + channels;
  }
}
