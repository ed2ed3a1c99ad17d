package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * What a layer's {@code build} needs: the graph's {@link Ops} and a place to register the
 * variables it creates, in creation order (which is Keras's order: layers in order, each layer's
 * kernel before its bias).
 */
public final class BuildContext {
  private final Ops tf;
  private final List<Parameter> parameters = new ArrayList<>();

  public BuildContext(Ops tf) {
    this.tf = tf;
  }

  /** The graph's op factory. */
  public Ops tf() {
    return tf;
  }

  /** Creates a float32 variable named {@code layer/weight} and registers it. */
  public Parameter addWeight(String layer, String weight, long[] shape, Initializer init) {
    String name = layer + "/" + weight;
    Variable<TFloat32> v = tf.withName(name.replace('/', '_')).variable(Shape.of(shape), TFloat32.class);
    Parameter p = new Parameter(name, shape, v, init);
    parameters.add(p);
    return p;
  }

  /** Every variable registered so far, in creation order. */
  public List<Parameter> parameters() {
    return List.copyOf(parameters);
  }
}
