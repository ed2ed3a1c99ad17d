package org.afterkernel.cli;

import org.afterkernel.AkException;
import java.util.List;
import org.afterkernel.data.Dataset;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.NetworkSpec;
import picocli.CommandLine.Option;

/**
 * Options choosing a network: a preset ({@code --arch vgg|mega-vgg|mlp|sum}, the paper's widths)
 * and overrides. Width precedence: {@code --width}, else {@code --num-parameters} (the original
 * script's budget rule), else the preset's width. A picocli mixin.
 */
public final class NetworkOptions {
  @Option(names = "--arch", paramLabel = "NAME", defaultValue = "vgg",
      description = "Architecture preset: vgg (26/52 channels), mega-vgg (119/238), mlp (4 x 94), sum (16)"
          + " (default ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--width", paramLabel = "N",
      description = "First-block channels (VGG) or hidden units (MLP, Sum); overrides the preset.")
  Integer width;

  @Option(names = "--num-parameters", paramLabel = "N",
      description = "Choose the width with the original script's budget rule (1e5 gives VGG width 38 on MNIST).")
  Double numParameters;

  @Option(names = "--filter-size", paramLabel = "N", description = "VGG convolution size (default 3).")
  Integer filterSize;

  @Option(names = "--pool-size", paramLabel = "N", description = "VGG pooling size and stride (default 2).")
  Integer poolSize;

  @Option(names = "--num-blocks", paramLabel = "N", description = "VGG blocks (default 2).")
  Integer numBlocks;

  @Option(names = "--num-layers", paramLabel = "N",
      description = "VGG convolutions in all, or MLP hidden layers (default 4).")
  Integer numLayers;

  @Option(names = "--hidden", split = ",", paramLabel = "W",
      description = "MLP hidden widths, one per layer, e.g. 100 or 512,256 (overrides --width and --num-layers).")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "Hidden activation: relu (default, the paper's), tanh or linear.")
  String activation;

  @Option(names = "--no-bias", description = "No biases in any layer (a homogeneous network).")
  boolean noBias;

  @Option(names = "--init-scale", paramLabel = "S",
      description = "Multiply every initial weight by S (small initialization, e.g. 0.1; default 1: Glorot).")
  Double initScale;

  /** The network these options describe, for images of {@code dataset}. */
  public NetworkSpec spec(Dataset dataset) {
    return spec(new long[] {dataset.height(), dataset.width(), dataset.channels()});
  }

  /** The network these options describe, for images of {@code (height, width, channels)}. */
  public NetworkSpec spec(long[] image) {
    try {
      NetworkSpec p = NetworkSpec.preset(arch, Math.toIntExact(image[0]), Math.toIntExact(image[1]),
          Math.toIntExact(image[2]));
      NetworkSpec s = new NetworkSpec(p.architecture(), p.width(),
          numBlocks != null ? numBlocks : p.numBlocks(),
          numLayers != null ? numLayers : p.numLayers(),
          filterSize != null ? filterSize : p.filterSize(),
          poolSize != null ? poolSize : p.poolSize(),
          p.height(), p.imageWidth(), p.channels());
      if (hidden != null && (width != null || numParameters != null)) {
        throw new IllegalArgumentException("--hidden gives the widths: drop --width / --num-parameters");
      }
      if (width != null) {
        s = s.withWidth(width);
      } else if (numParameters != null) {
        s = s.withParameterBudget(numParameters);
      }
      return s.withSettings(hidden, Activation.ofStudy(activation), noBias ? Boolean.FALSE : null, initScale);
    } catch (IllegalArgumentException e) {
      throw new AkException("network: " + e.getMessage());
    }
  }
}
