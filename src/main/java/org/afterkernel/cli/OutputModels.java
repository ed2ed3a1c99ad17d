package org.afterkernel.cli;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.data.Dataset;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.OutputHead;

/**
 * One open model per output of a network of C outputs, model c differentiating output c: the
 * per-output feature maps of {@link org.afterkernel.kernel.MultiOutputKernel}. Close it.
 */
final class OutputModels implements AutoCloseable {
  private final List<Model> models;

  private OutputModels(List<Model> models) {
    this.models = models;
  }

  /**
   * Opens the network of {@code options} once per output (a fresh network with {@code
   * freshOutputs} units).
   *
   * @throws AkException when it has a single output (there is nothing to do per output)
   */
  static OutputModels open(ModelOptions options, Dataset dataset, int freshOutputs) {
    return open(options, new long[] {dataset.height(), dataset.width(), dataset.channels()}, dataset.cliName(),
        freshOutputs);
  }

  /** {@link #open(ModelOptions, Dataset, int)} for images of {@code shape} named {@code data}. */
  static OutputModels open(ModelOptions options, long[] shape, String data, int freshOutputs) {
    if (options.output.outputIndex != null || options.output.logitDifference != null) {
      throw new AkException("--outputs takes every output: drop --output-index / --logit-difference");
    }
    List<Model> models = new ArrayList<>();
    try {
      models.add(options.open(shape, data, OutputHead.index(0), freshOutputs));
      int c = models.get(0).outputCount();
      if (c < 2) {
        throw new AkException((options.modelDir != null ? options.modelDir + ": " : "") + "the network has one"
            + " output: --outputs full|trace is for networks of several outputs (e.g. ak train --classes all)");
      }
      for (int k = 1; k < c; k++) {
        models.add(options.open(shape, data, OutputHead.index(k), freshOutputs));
      }
      return new OutputModels(models);
    } catch (RuntimeException e) {
      models.forEach(Model::close);
      throw e;
    }
  }

  /** C. */
  int outputs() {
    return models.size();
  }

  /** The model differentiating output 0 (all share the weights). */
  Model first() {
    return models.get(0);
  }

  /** The tangent-kernel feature maps, one per output. */
  List<FeatureMap> maps(Implementation implementation) {
    return models.stream().map(m -> FeatureMap.of(m, FeatureKind.NTK, implementation)).toList();
  }

  @Override
  public void close() {
    models.forEach(Model::close);
  }
}
