package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.nn.LayerTap;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * Per-example gradients of a model's logit with respect to every parameter, formed from one
 * backward pass per batch: the gradient of the summed logits at each layer's linear output
 * ({@link LayerTap}) is each example's own, and each parametric layer turns it into per-example
 * parameter gradients in closed form. These rows are the after-kernel features.
 */
public final class TapGradients {
  private final Model model;
  private final List<Operand<TFloat32>> perParameter;

  /** Adds the gradient ops to {@code model}'s graph. */
  public TapGradients(Model model) {
    this.model = model;
    Ops tf = model.tf();
    List<LayerTap> taps = model.taps();
    Operand<TFloat32> total = tf.reduceSum(model.logitsOp(), tf.constant(0));
    Gradients g = tf.gradients(total, taps.stream().map(LayerTap::linearOutput).toList());
    Map<Parameter, Operand<TFloat32>> byParameter = new IdentityHashMap<>();
    for (int i = 0; i < taps.size(); i++) {
      LayerTap t = taps.get(i);
      List<Operand<TFloat32>> grads = t.layer().perExampleGradients(tf, t.input(), g.dy(i));
      List<Parameter> params = t.layer().parameters();
      for (int j = 0; j < params.size(); j++) {
        byParameter.put(params.get(j), grads.get(j));
      }
    }
    perParameter = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      Operand<TFloat32> op = byParameter.get(p);
      if (op == null) {
        throw new IllegalStateException("no layer tap gives the gradient of " + p.name());
      }
      perParameter.add(op);
    }
  }

  /** The features of {@code x}: one row per image, the parameters' gradients concatenated in order. */
  public float[][] features(Images x) {
    int total = model.parameters().stream().mapToInt(Parameter::size).sum();
    float[][] out = new float[x.count()][total];
    try (TFloat32 in = Tensors.floats(x.shape(), x.pixels())) {
      var runner = model.session().runner().feed(model.input(), in);
      perParameter.forEach(runner::fetch);
      try (Result r = runner.run()) {
        int offset = 0;
        for (int i = 0; i < perParameter.size(); i++) {
          int size = model.parameters().get(i).size();
          float[] block = Tensors.toFloats((TFloat32) r.get(i));
          for (int e = 0; e < x.count(); e++) {
            System.arraycopy(block, e * size, out[e], offset, size);
          }
          offset += size;
        }
      }
    }
    return out;
  }
}
