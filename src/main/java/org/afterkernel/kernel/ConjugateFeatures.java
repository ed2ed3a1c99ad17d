package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.nn.Model;

/** Conjugate-kernel features: the activations that feed the model's last Dense layer. */
final class ConjugateFeatures implements FeatureMap {
  private final Model model;

  ConjugateFeatures(Model model) {
    this.model = model;
  }

  @Override
  public long dimension() {
    return model.conjugateDimension();
  }

  @Override
  public int batchSize() {
    return Model.INFERENCE_BATCH;
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    float[] f = model.evaluate(x.slice(from, to), model.conjugateOp(), model.conjugateDimension());
    System.arraycopy(f, 0, out, offset, f.length);
  }
}
