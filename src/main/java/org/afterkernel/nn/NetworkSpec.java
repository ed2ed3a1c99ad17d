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
 * @param hidden MLP hidden widths, one per layer, for an MLP of any depth and widths (null: {@code
 *     numLayers} layers of {@code width}, the paper's)
 * @param activation activation of every hidden layer (null: ReLU, the paper's)
 * @param bias whether every layer adds a bias (null: true, Keras's; false: a homogeneous network)
 * @param initScale every initial weight is the Glorot draw times this (null: 1, Keras's); small
 *     initialization as in the silent-alignment paper
 * @param outputs units of the last Dense layer (null: 1, the paper's one logit; 10 for a
 *     ten-class softmax network, whose after kernel has one block per pair of outputs)
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
    int channels,
    List<Integer> hidden,
    Activation activation,
    Boolean bias,
    Double initScale,
    Integer outputs) {

  /** Most layers (and blocks) a network may have: far beyond any the study uses. */
  public static final int MAX_LAYERS = 1000;
  /** Widest layer a network may have. */
  public static final int MAX_WIDTH = 1 << 20;

  public NetworkSpec {
    require(architecture != null, "architecture", null, "VGG, MLP or SUM");
    if (hidden != null) {
      require(architecture == Architecture.MLP, "hidden", hidden, "only for an MLP");
      require(!hidden.isEmpty() && hidden.size() <= MAX_LAYERS, "hidden", hidden, "1.." + MAX_LAYERS + " widths");
      for (Integer h : hidden) {
        require(h != null && h >= 1 && h <= MAX_WIDTH, "hidden", hidden, "widths in 1.." + MAX_WIDTH);
      }
      hidden = List.copyOf(hidden);
      width = hidden.get(0);
      numLayers = hidden.size();
    }
    activation = activation == null ? Activation.RELU : activation;
    bias = bias == null ? Boolean.TRUE : bias;
    initScale = initScale == null ? 1.0 : initScale;
    require(initScale > 0 && Double.isFinite(initScale), "init-scale", initScale, "a positive number");
    outputs = outputs == null ? 1 : outputs;
    require(outputs >= 1 && outputs <= MAX_WIDTH, "outputs", outputs, "1.." + MAX_WIDTH);
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

  /** A network with the paper's defaults: uniform widths, ReLU, biases, Glorot at scale 1. */
  public NetworkSpec(Architecture architecture, int width, int numBlocks, int numLayers, int filterSize,
      int poolSize, int height, int imageWidth, int channels) {
    this(architecture, width, numBlocks, numLayers, filterSize, poolSize, height, imageWidth, channels,
        null, null, null, null, null);
  }

  /**
   * The same network with the training-study settings: hidden widths (MLP; null keeps them),
   * activation, bias and initial scale (each null keeps the current value).
   */
  public NetworkSpec withSettings(List<Integer> newHidden, Activation newActivation, Boolean newBias,
      Double newInitScale) {
    return new NetworkSpec(architecture, width, numBlocks, numLayers, filterSize, poolSize, height,
        imageWidth, channels, newHidden != null ? newHidden : hidden,
        newActivation != null ? newActivation : activation, newBias != null ? newBias : bias,
        newInitScale != null ? newInitScale : initScale, outputs);
  }

  /** The same network with {@code n} output units (a ten-class network: 10). */
  public NetworkSpec withOutputs(int n) {
    return new NetworkSpec(architecture, width, numBlocks, numLayers, filterSize, poolSize, height,
        imageWidth, channels, hidden, activation, bias, initScale, n);
  }

  /** The width of hidden layer {@code l} (MLP; the uniform width without {@code hidden}). */
  public int hiddenWidth(int l) {
    return hidden != null ? hidden.get(l) : width;
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
    require(hidden == null, "width", newWidth, "no --width with explicit hidden widths " + hidden);
    return new NetworkSpec(architecture, newWidth, numBlocks, numLayers, filterSize, poolSize,
        height, imageWidth, channels, null, activation, bias, initScale, outputs);
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
            layers.add(new Conv2D(name(counters, "conv2d"), ch, new int[] {filterSize, filterSize},
                new int[] {1, 1}, new int[] {1, 1}, Padding.SAME, activation, bias));
          }
          layers.add(Pooling2D.max(name(counters, "max_pooling2d"), poolSize, Padding.SAME));
          ch *= 2;
        }
        layers.add(new Flatten(name(counters, "flatten")));
      }
      case MLP -> {
        layers.add(new Flatten(name(counters, "flatten")));
        for (int l = 0; l < numLayers; l++) {
          layers.add(new Dense(name(counters, "dense"), hiddenWidth(l), activation, bias));
        }
      }
      case SUM -> {
        layers.add(new PixelSum(name(counters, "pixel_sum")));
        layers.add(new Flatten(name(counters, "flatten")));
        layers.add(new Dense(name(counters, "dense"), width, activation, bias));
      }
    }
    layers.add(new Dense(name(counters, "dense"), outputs, Activation.LINEAR, bias));
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
      case MLP -> hidden != null ? "mlp(hidden=" + hidden + ")" : String.format("mlp(width=%d, layers=%d)", width, numLayers);
      case SUM -> String.format("sum(width=%d)", width);
    };
    StringBuilder extra = new StringBuilder();
    if (activation != Activation.RELU) {
      extra.append(", ").append(activation.kerasName());
    }
    if (!bias) {
      extra.append(", no bias");
    }
    if (initScale != 1.0) {
      extra.append(", init x").append(initScale);
    }
    if (outputs != 1) {
      extra.append(", ").append(outputs).append(" outputs");
    }
    if (extra.length() > 0) {
      body = body.substring(0, body.length() - 1) + extra + ")";
    }
    return body + " on " + height + "x" + imageWidth + "x" + channels;
  }
}
