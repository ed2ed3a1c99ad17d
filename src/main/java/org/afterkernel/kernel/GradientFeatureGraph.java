package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.nn.Model;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/** Shared plumbing of the gradient feature maps: the model, the feature width and feeding a batch. */
abstract class GradientFeatureGraph implements FeatureMap {
  protected final Model model;
  protected final long dimension;

  GradientFeatureGraph(Model model) {
    this.model = model;
    this.dimension = model.parameters().stream().mapToLong(p -> p.size()).sum();
  }

  @Override
  public long dimension() {
    return dimension;
  }

  /** Runs {@code outputs} on images {@code [from, to)} of {@code x}; the caller closes the result. */
  protected Result run(Images x, int from, int to, Iterable<? extends Operand<TFloat32>> outputs) {
    return run(x, from, to, outputs, java.util.List.of());
  }

  /** As {@link #run(Images, int, int, Iterable)}, also running {@code targets} (not fetched). */
  protected Result run(Images x, int from, int to, Iterable<? extends Operand<TFloat32>> outputs,
      Iterable<? extends Operand<?>> targets) {
    model.checkImages(x);
    int size = x.imageSize();
    int n = to - from;
    try (TFloat32 batch = Tensors.floats(new long[] {n, x.height(), x.width(), x.channels()},
        x.pixels(), from * size, n * size)) {
      var runner = model.session().runner().feed(model.input(), batch);
      for (Operand<TFloat32> o : outputs) {
        runner.fetch(o);
      }
      for (Operand<?> t : targets) {
        runner.addTarget(t.op());
      }
      return runner.run();
    }
  }
}
