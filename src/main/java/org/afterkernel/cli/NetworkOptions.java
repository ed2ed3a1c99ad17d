package org.afterkernel.cli;

import org.afterkernel.AkException;
import org.afterkernel.data.Dataset;
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

  /** The network these options describe, for images of {@code dataset}. */
  public NetworkSpec spec(Dataset dataset) {
    try {
      NetworkSpec p = NetworkSpec.preset(arch, dataset.height(), dataset.width(), dataset.channels());
      NetworkSpec s = new NetworkSpec(p.architecture(), p.width(),
          numBlocks != null ? numBlocks : p.numBlocks(),
          numLayers != null ? numLayers : p.numLayers(),
          filterSize != null ? filterSize : p.filterSize(),
          poolSize != null ? poolSize : p.poolSize(),
          p.height(), p.imageWidth(), p.channels());
      if (width != null) {
        return s.withWidth(width);
      }
      if (numParameters != null) {
        return s.withParameterBudget(numParameters);
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw new AkException("network: " + e.getMessage());
    }
  }
}
