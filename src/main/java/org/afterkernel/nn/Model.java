package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A network built in its own TensorFlow graph, with a session holding its variables. It owns the
 * graph and session: close it (try-with-resources). Training, feature extraction and export add
 * their ops to {@link #graph()} and run them in {@link #session()}.
 */
public final class Model implements AutoCloseable {
  /** Batch size for inference passes (logits, conjugate features). */
  public static final int INFERENCE_BATCH = 256;

  private final Network network;
  private final NetworkSpec spec;
  private final Whitening whitening;
  private final long[] inputShape;
  private final Graph graph;
  private final Session session;
  private final Ops tf;
  private final Placeholder<TFloat32> input;
  private final Network.Built built;
  private final List<Placeholder<TFloat32>> assignValues = new ArrayList<>();
  private final List<Op> assignOps = new ArrayList<>();

  private Model(Network network, NetworkSpec spec, Whitening whitening, long[] inputShape) {
    this.network = network;
    this.spec = spec;
    this.whitening = whitening;
    this.inputShape = inputShape.clone();
    this.graph = new Graph();
    try {
      this.tf = Ops.create(graph);
      long[] batched = Layer.batchedShape(inputShape);
      this.input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(batched)));
      this.built = network.build(tf, input, inputShape);
      for (Parameter p : built.parameters()) {
        Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(p.shape())));
        assignValues.add(v);
        assignOps.add(tf.assign(p.variable(), v));
      }
      this.session = TensorFlowRuntime.session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** Builds {@code spec}'s network and initialises it as Keras would, from {@code seed}. */
  public static Model create(NetworkSpec spec, long seed) {
    return create(spec, seed, null);
  }

  /**
   * Builds {@code spec}'s network behind a {@link Whiten} layer applying {@code whitening} (null:
   * none) and initialises it from {@code seed}; the whitening has no variables, so the weights and
   * their initial values are those of the network alone.
   */
  public static Model create(NetworkSpec spec, long seed, Whitening whitening) {
    return create(spec, seed, whitening, null);
  }

  /**
   * As {@link #create(NetworkSpec, long, Whitening)}, with {@code head} choosing the logit of a
   * network of several outputs (null: the single output; none for several, which then has only
   * {@link #outputsOp()}, for training).
   */
  public static Model create(NetworkSpec spec, long seed, Whitening whitening, OutputHead head) {
    List<Layer> layers = new ArrayList<>();
    if (whitening != null) {
      layers.add(whitening.layer());
    }
    layers.addAll(spec.toSequential().layers());
    Network network = new Sequential(layers, head);
    Model m = new Model(network, spec, whitening, spec.inputShape());
    m.initialize(seed);
    return m;
  }

  /** Builds any network (not initialised: call {@link #initialize} or {@link #setWeights}). */
  public static Model of(Network network, long[] inputShape) {
    return new Model(network, null, null, inputShape);
  }

  /**
   * Draws every variable's initial value from its initialiser (Keras's defaults), each from its
   * own stream split off {@code seed} in Keras order, so a seed fixes the values bit for bit; a
   * spec's {@link NetworkSpec#initScale() initial scale} multiplies every drawn value.
   */
  public void initialize(long seed) {
    ParameterMemory.check(built.parameters(), spec == null ? "the network" : spec.label());
    SplittableRandom root = new SplittableRandom(seed);
    float scale = spec == null ? 1f : spec.initScale().floatValue();
    Map<String, NpyArray> values = new LinkedHashMap<>();
    for (Parameter p : built.parameters()) {
      SplittableRandom stream = root.split();
      float[] v = p.initializer().sample(p.shape(), stream);
      if (scale != 1f) {
        for (int i = 0; i < v.length; i++) {
          v[i] *= scale;
        }
      }
      values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
    }
    setWeights(Weights.of(values));
  }

  /** Assigns all variables. */
  public void setWeights(Weights weights) {
    weights.checkFits(built.parameters(), "weights");
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      for (int i = 0; i < assignOps.size(); i++) {
        Parameter p = built.parameters().get(i);
        TFloat32 t = Tensors.floats(p.shape(), weights.get(p.name()).asFloats());
        tensors.add(t);
        r.feed(assignValues.get(i), t).addTarget(assignOps.get(i));
      }
      r.run().close();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /** The current values of all variables. */
  public Weights weights() {
    Session.Runner r = session.runner();
    for (Parameter p : built.parameters()) {
      r.fetch(p.variable());
    }
    Map<String, NpyArray> out = new LinkedHashMap<>();
    try (Result res = r.run()) {
      for (int i = 0; i < built.parameters().size(); i++) {
        Parameter p = built.parameters().get(i);
        out.put(p.name(), NpyArray.ofFloats(p.shape(), Tensors.toFloats((TFloat32) res.get(i))));
      }
    }
    return Weights.of(out);
  }

  /** The logit of every image (batched inference). */
  public float[] logits(Images x) {
    return evaluate(x, logitsOp(), 1);
  }

  /** Every output of every image, row-major {@code [count, outputCount()]} (batched inference). */
  public float[] outputs(Images x) {
    return evaluate(x, outputsOp(), outputCount());
  }

  /** Units of the output vector (1 for the paper's networks, 10 for a ten-class one). */
  public int outputCount() {
    if (built.outputs() == null) {
      return 1;
    }
    return (int) built.outputs().shape().get(1);
  }

  /** The whole output, {@code [batch, outputCount()]}. */
  public Operand<TFloat32> outputsOp() {
    if (built.outputs() == null) {
      throw new AkException("the network's output is not a vector: it has no per-class outputs");
    }
    return built.outputs();
  }

  /** The conjugate-kernel features (input of the last Dense layer) of every image, row-major. */
  public float[] conjugateFeatures(Images x) {
    return evaluate(x, built.conjugate(), conjugateDimension());
  }

  /** Runs {@code output} (per-example width {@code width}) on all images in batches. */
  public float[] evaluate(Images x, Operand<TFloat32> output, int width) {
    checkImages(x);
    float[] out = new float[Math.multiplyExact(x.count(), width)];
    int size = x.imageSize();
    for (int from = 0; from < x.count(); from += INFERENCE_BATCH) {
      int n = Math.min(INFERENCE_BATCH, x.count() - from);
      try (TFloat32 batch = Tensors.floats(new long[] {n, x.height(), x.width(), x.channels()},
              x.pixels(), from * size, n * size);
          Result r = session.runner().feed(input, batch).fetch(output).run()) {
        Tensors.copyInto((TFloat32) r.get(0), out, from * width);
      }
    }
    return out;
  }

  /** Fails unless the images have this network's input shape. */
  public void checkImages(Images x) {
    if (x.height() != inputShape[0] || x.width() != inputShape[1] || x.channels() != inputShape[2]) {
      throw new IllegalArgumentException("images are " + x.height() + "x" + x.width() + "x"
          + x.channels() + ", the network expects " + inputShape[0] + "x" + inputShape[1] + "x"
          + inputShape[2]);
    }
  }

  /** Width of the conjugate features. */
  public int conjugateDimension() {
    return Math.toIntExact(network.conjugateDimension(built));
  }

  /** Exact number of trainable scalars. */
  public long parameterCount() {
    return network.parameterCount();
  }

  /** A Keras-like summary of the layers. */
  public String summary() {
    return network.summary(built);
  }

  /** The input whitening in front of the network (null: none). */
  public Whitening whitening() {
    return whitening;
  }

  /** The description this network was built from (null for imported networks). */
  public NetworkSpec spec() {
    return spec;
  }

  public Network network() {
    return network;
  }

  public long[] inputShape() {
    return inputShape.clone();
  }

  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  public Ops tf() {
    return tf;
  }

  public Placeholder<TFloat32> input() {
    return input;
  }

  /**
   * The logits, one per example.
   *
   * @throws AkException for a network of several outputs built without choosing one
   */
  public Operand<TFloat32> logitsOp() {
    if (built.logits() == null) {
      throw new AkException("the network has " + outputCount() + " outputs: choose one (--output-index K),"
          + " a difference (--logit-difference A,B) or all of them (--outputs full|trace)");
    }
    return built.logits();
  }

  /** The conjugate-kernel features, {@code [batch, conjugateDimension]}. */
  public Operand<TFloat32> conjugateOp() {
    return built.conjugate();
  }

  /** Trainable variables in Keras order. */
  public List<Parameter> parameters() {
    return built.parameters();
  }

  /** Where each parametric layer sits in the graph. */
  public List<LayerTap> taps() {
    return built.taps();
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
