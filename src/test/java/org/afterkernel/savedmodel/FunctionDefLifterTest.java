package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ExportFormatWriter.Var;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The lifter on SavedModels written here as Keras 3's {@code model.export()} writes them ({@link
 * ExportFormatWriter}), with the ops Keras layers leave in a serving function: the imported network
 * must reproduce the serving signature (TensorFlow running the function) and pass the gradient
 * check; the layers expected are those the ops were written for. Ops that are no known layer are
 * refused in one line naming the op and its function.
 */
class FunctionDefLifterTest {
  @TempDir Path tmp;

  private final Random rnd = new Random(5);
  private final List<Var> vars = new ArrayList<>();

  /** A trainable variable of Gaussian values (scale 0.5). */
  private int var(String name, long... shape) {
    return add(name, shape, true, 0f);
  }

  /** A non-trainable statistic (positive when {@code floor} > 0, as variances are). */
  private int stat(String name, float floor, long... shape) {
    return add(name, shape, false, floor);
  }

  private int add(String name, long[] shape, boolean trainable, float floor) {
    float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)];
    for (int i = 0; i < v.length; i++) {
      v[i] = floor > 0 ? floor + rnd.nextFloat() : (float) rnd.nextGaussian() * 0.5f;
    }
    vars.add(new Var(name, shape, v, trainable));
    return vars.size() - 1;
  }

  private long trainableCount() {
    return vars.stream().filter(Var::trainable).mapToLong(v -> v.values().length).sum();
  }

  private static Images random(int n, int h, int w, int c, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w * c];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    return new Images(n, h, w, c, px);
  }

  private static List<String> classes(ImportedModel m) {
    return m.model().network().layers().stream().map(l -> l.getClass().getSimpleName()).toList();
  }

  private static void assertMatchesSignature(ImportedModel m, Images x) {
    ImportCheck.Forward f = ImportCheck.forward(m, x);
    System.out.printf("%s: %s%n", m.files().dir().getFileName(), f);
    assertTrue(f.maxAbsDiff() <= 1e-5 && f.maxAbsOutput() > 0.1, f.toString());
    ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, 3), 4, 11);
    System.out.printf("%s: %s%n", m.files().dir().getFileName(), g);
    assertTrue(g.passes() && g.maxAbsGradient() > 0, g.toString());
  }

  private static Operand<TFloat32> scalar(Ops tf, float v) {
    return tf.constant(v);
  }

  @Test
  void convolutionsBatchNormalizationPoolingAndHeadsAsKerasWritesThem() throws Exception {
    int k1 = var("m/conv2d/kernel", 3, 3, 1, 4);
    int b1 = var("m/conv2d/bias", 4);
    int g1 = var("m/batch_normalization/gamma", 4);
    int be1 = var("m/batch_normalization/beta", 4);
    int m1 = stat("m/batch_normalization/moving_mean", 0, 4);
    int v1 = stat("m/batch_normalization/moving_variance", 0.5f, 4);
    int dk = var("m/depthwise_conv2d/kernel", 3, 3, 4, 2);
    int db = var("m/depthwise_conv2d/bias", 8);
    int g2 = var("m/batch_normalization_1/gamma", 8);
    int be2 = var("m/batch_normalization_1/beta", 8);
    int m2 = stat("m/batch_normalization_1/moving_mean", 0, 8);
    int v2 = stat("m/batch_normalization_1/moving_variance", 0.5f, 8);
    int sd = var("m/separable_conv2d/depthwise_kernel", 3, 3, 8, 1);
    int sp = var("m/separable_conv2d/pointwise_kernel", 1, 1, 8, 6);
    int sb = var("m/separable_conv2d/bias", 6);
    int k5 = var("m/dense/kernel", 12, 5);
    int b5 = var("m/dense/bias", 5);
    int k6 = var("m/dense_1/kernel", 5, 3);
    int b6 = var("m/dense_1/bias", 3);
    Path dir = tmp.resolve("convnet");
    ExportFormatWriter.write(dir, new long[] {-1, 12, 10, 1}, vars, (tf, x, v) -> {
      Operand<TFloat32> r = tf.math.add(tf.math.mul(x, scalar(tf, 2f)), scalar(tf, -1f)); // Rescaling
      Operand<TFloat32> c = tf.nn.biasAdd(tf.nn.conv2d(r, v.get(k1), List.of(1L, 1L, 1L, 1L), "SAME"), v.get(b1));
      c = tf.nn.relu(tf.nn.fusedBatchNorm(c, v.get(g1), v.get(be1), v.get(m1), v.get(v1),
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(1e-3f)).y());
      Operand<TFloat32> d = tf.nn.depthwiseConv2dNative(c, v.get(dk), List.of(1L, 2L, 2L, 1L), "SAME");
      d = tf.nn.biasAdd(d, tf.squeeze(tf.reshape(v.get(db), tf.constant(new long[] {1, 1, 1, 8})))); // Keras 3
      Operand<TFloat32> inv = tf.math.mul(tf.math.rsqrt(tf.math.add(v.get(v2), scalar(tf, 1e-3f))), v.get(g2));
      d = tf.math.add(tf.math.mul(d, inv), tf.math.sub(v.get(be2), tf.math.mul(v.get(m2), inv)));
      d = tf.nn.relu6(d);
      Operand<TFloat32> s = tf.nn.conv2d(tf.nn.depthwiseConv2dNative(d, v.get(sd), List.of(1L, 1L, 1L, 1L), "VALID"),
          v.get(sp), List.of(1L, 1L, 1L, 1L), "VALID");
      s = tf.nn.leakyRelu(tf.nn.biasAdd(s, v.get(sb)), LeakyRelu.alpha(0.2f));
      Operand<TFloat32> p = tf.pad(s, tf.constant(new int[][] {{0, 0}, {1, 0}, {0, 1}, {0, 0}}), scalar(tf, 0f));
      Operand<TFloat32> mp = maxPoolV1(tf, p);
      Operand<TFloat32> ap = tf.nn.avgPool(p, List.of(1L, 2L, 2L, 1L), List.of(1L, 1L, 1L, 1L), "VALID");
      Operand<TFloat32> g = tf.math.mean(tf.concat(List.of(mp, ap), tf.constant(-1)), tf.constant(new int[] {1, 2}));
      Operand<TFloat32> h = tf.nn.biasAdd(tf.linalg.matMul(g, v.get(k5)), v.get(b5));
      h = tf.math.mul(h, tf.math.sigmoid(h)); // swish
      return tf.nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(h, v.get(k6)), v.get(b6)));
    });
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults().withHead(OutputHead.difference(2, 0)))) {
      assertEquals(List.of("Rescaling", "Conv2D", "BatchNormalization", "ActivationLayer", "DepthwiseConv2D",
          "BatchNormalization", "ActivationLayer", "SeparableConv2D", "ReLU", "Padding2D", "Pooling2D", "Pooling2D",
          "Concatenate", "GlobalPooling2D", "Dense", "Dense"), classes(m));
      assertEquals(trainableCount(), m.model().parameterCount());
      assertEquals(Activation.SOFTMAX, m.removedActivation());
      assertEquals("Dense(units=5, swish)", m.model().network().layers().get(14).describe());
      assertEquals(List.of("conv2d/kernel", "conv2d/bias", "batch_normalization/gamma", "batch_normalization/beta"),
          m.model().parameters().subList(0, 4).stream().map(org.afterkernel.nn.Parameter::name).toList());
      assertMatchesSignature(m, random(40, 12, 10, 1, 3));
    }
  }

  /** MaxPool as Keras writes it (the op with attributes; TensorFlow Java's maxPool is MaxPoolV2). */
  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> maxPoolV1(Ops tf, Operand<TFloat32> x) {
    Operand<?> out = tf.withSubScope("max_pooling2d").scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
        .setAttr("ksize", new long[] {1, 2, 2, 1}).setAttr("strides", new long[] {1, 1, 1, 1})
        .setAttr("padding", "VALID").setAttr("T", org.tensorflow.proto.DataType.DT_FLOAT).build().output(0);
    return (Operand<TFloat32>) out;
  }

  @Test
  void normalizationComputedReshapeResidualAndBiasByAdd() throws Exception {
    int k1 = var("m/dense/kernel", 24, 8);
    int b1 = var("m/dense/bias", 8);
    int k2 = var("m/dense_1/kernel", 8, 8);
    int k3 = var("m/dense_2/kernel", 8, 1);
    int b3 = var("m/dense_2/bias", 1);
    Path dir = tmp.resolve("mlp");
    ExportFormatWriter.write(dir, new long[] {-1, 6, 4}, vars, (tf, x, v) -> {
      Operand<TFloat32> n = tf.math.div(tf.math.sub(x, tf.constant(new float[] {0.1f, 0.2f, 0.3f, 0.4f})),
          tf.math.maximum(tf.math.sqrt(tf.constant(new float[] {0.5f, 1f, 2f, 0.25f})), scalar(tf, 1e-7f)));
      Operand<TInt32> batch = tf.stridedSlice(tf.shape(n), tf.constant(new int[] {0}), tf.constant(new int[] {1}),
          tf.constant(new int[] {1}), StridedSlice.shrinkAxisMask(1L));
      Operand<TFloat32> r = tf.reshape(n, tf.stack(List.of(batch, tf.constant(24))));
      Operand<TFloat32> a = tf.math.tanh(tf.nn.biasAdd(tf.linalg.matMul(r, v.get(k1)), v.get(b1)));
      Operand<TFloat32> res = tf.math.add(a, tf.linalg.matMul(a, v.get(k2)));
      return tf.math.sigmoid(tf.math.add(tf.linalg.matMul(res, v.get(k3)), v.get(b3)));
    });
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults())) {
      assertEquals(List.of("Reshape", "Normalization", "Flatten", "Dense", "Dense", "ElementwiseMerge", "Dense"),
          classes(m));
      assertEquals(trainableCount(), m.model().parameterCount());
      assertEquals(Activation.SIGMOID, m.removedActivation());
      assertMatchesSignature(m, random(30, 6, 4, 1, 4));
    }
  }

  private String refusal(String name, ExportFormatWriter.Body body) throws Exception {
    Path dir = tmp.resolve(name);
    ExportFormatWriter.write(dir, new long[] {-1, 4, 4, 1}, vars, body);
    AkException e = assertThrows(AkException.class, () -> KerasImporter.load(dir, ImportOptions.defaults()).close());
    String msg = e.getMessage();
    assertTrue(!msg.contains("\n") && msg.contains(dir + "/saved_model.pb") && msg.contains("__inference___call___101"),
        msg);
    assertTrue(Files.exists(dir.resolve("saved_model.pb")));
    return msg;
  }

  @Test
  void opsThatAreNoKnownLayerAreRefusedNamingTheOpAndItsFunction() throws Exception {
    int k = var("m/dense/kernel", 16, 2);
    int b = var("m/dense/bias", 2);
    String gelu = refusal("gelu", (tf, x, v) -> tf.math.erf(tf.linalg.matMul(tf.reshape(x,
        tf.constant(new long[] {-1, 16})), v.get(k))));
    assertTrue(gelu.contains("(Erf)") && gelu.contains("is not supported"), gelu);
    String late = refusal("late-bias", (tf, x, v) -> tf.nn.biasAdd(tf.nn.relu(tf.linalg.matMul(tf.reshape(x,
        tf.constant(new long[] {-1, 16})), v.get(k))), v.get(b)));
    assertTrue(late.contains("(BiasAdd)") && late.contains("a bias is added to"), late);
    String transposed = refusal("transposed", (tf, x, v) -> tf.linalg.matMul(tf.reshape(x,
        tf.constant(new long[] {-1, 16})), tf.linalg.transpose(v.get(k), tf.constant(new int[] {1, 0})),
        org.tensorflow.op.linalg.MatMul.transposeB(true)));
    assertTrue(transposed.contains("(MatMul)") && transposed.contains("transposed"), transposed);
  }
}
