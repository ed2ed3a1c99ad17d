package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.afterkernel.savedmodel.ExportFormatWriter;
import org.afterkernel.savedmodel.ExportFormatWriter.Var;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Your own data ({@code --images X.npy [--labels y.npy]}, {@code --test-images} / {@code
 * --test-labels}) in every command that takes {@code --dataset}, on a model whose input is neither
 * MNIST nor CIFAR-10: 12 x 10 spectrogram-like images into Conv2D, DepthwiseConv2D, global pooling
 * and a 4-class softmax, written as Keras 3's export (no Keras configs). {@code check} also runs on
 * random inputs when no data is given; shapes that do not fit are refused naming both.
 */
class OwnDataCommandsTest {
  @TempDir static Path tmp;
  static Path model;
  static Path x;
  static Path y;
  static Path xt;
  static Path yt;
  static int[] labels;
  static long parameters;

  @BeforeAll
  static void writeModelAndData() throws Exception {
    Random rnd = new Random(3);
    List<Var> vars = new ArrayList<>();
    for (long[] s : new long[][] {{3, 3, 1, 4}, {4}, {3, 3, 4, 2}, {8}, {8, 4}, {4}}) {
      float[] v = new float[(int) Arrays.stream(s).reduce(1, Math::multiplyExact)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rnd.nextGaussian() * 0.5f;
      }
      vars.add(new Var("kws/layer_" + vars.size() + "/w", s, v, true));
      parameters += v.length;
    }
    model = tmp.resolve("kws");
    ExportFormatWriter.write(model, new long[] {-1, 12, 10, 1}, vars, (tf, in, v) -> {
      Operand<TFloat32> c = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(in, v.get(0), List.of(1L, 1L, 1L, 1L), "SAME"),
          v.get(1)));
      Operand<TFloat32> d = tf.nn.relu(tf.nn.biasAdd(tf.nn.depthwiseConv2dNative(c, v.get(2),
          List.of(1L, 2L, 2L, 1L), "SAME"), v.get(3)));
      Operand<TFloat32> g = tf.math.mean(d, tf.constant(new int[] {1, 2}));
      return tf.nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(g, v.get(4)), v.get(5)));
    });
    labels = new int[24];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    x = images("x.npy", 24, 12, 10, 5);
    y = labels("y.npy", labels);
    xt = images("xt.npy", 16, 12, 10, 6);
    yt = labels("yt.npy", Arrays.copyOf(labels, 16));
  }

  private static Path images(String name, int n, int h, int w, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    Path p = tmp.resolve(name);
    Npy.writeFloats(p, new long[] {n, h, w}, px); // (N, H, W): one channel
    return p;
  }

  private static Path labels(String name, int[] classes) {
    Path p = tmp.resolve(name);
    Npy.writeLongs(p, new long[] {classes.length}, Arrays.stream(classes).asLongStream().toArray());
    return p;
  }

  private static void assertError(CliTestSupport.Run r, String... parts) {
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    for (String p : parts) {
      assertTrue(r.err().contains(p), "expected '" + p + "' in: " + r.err());
    }
  }

  @Test
  void checkOnYourImagesAndOnRandomInputs() {
    CliTestSupport.Run r = ak("savedmodel", "check", model.toString(), "--images", x.toString(), "--output-index", "2");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("forward: 24 " + x + " images x 4 outputs") && r.out().contains("check: passed"),
        r.out());
    r = ak("savedmodel", "check", model.toString(), "--count", "50", "--output-index", "1");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("forward: 50 random (uniform in [0, 1), seed 1") && r.out().contains("check: passed"),
        r.out());
  }

  @Test
  void shapesThatDoNotFitAreRefusedNamingBoth() {
    Path wrong = images("wrong.npy", 3, 28, 28, 7);
    assertError(ak("savedmodel", "check", model.toString(), "--images", wrong.toString()),
        wrong.toString(), "(12, 10, 1)", "(28, 28, 1)");
    assertError(ak("features", "--model", model.toString(), "--images", wrong.toString(), "--output-index", "0",
        "--out", tmp.resolve("never.npy").toString()), wrong.toString(), "(12, 10, 1)", "(28, 28, 1)");
    assertFalse(Files.exists(tmp.resolve("never.npy")));
    assertError(ak("savedmodel", "check", model.toString(), "--images", x.toString(), "--dataset", "mnist"),
        "--dataset", "--images");
    assertError(ak("kernel-stats", "--model", model.toString(), "--images", x.toString(), "--output-index", "0"),
        x.toString(), "needs the images' labels");
    Path few = labels("few.npy", new int[] {0, 1});
    assertError(ak("features", "--model", model.toString(), "--images", x.toString(), "--labels", few.toString(),
        "--output-index", "0", "--out", tmp.resolve("never.npy").toString()), few.toString(), "2 labels", "24 images");
  }

  @Test
  void featuresAndKernelOfABinaryTaskOfYourClasses() throws Exception {
    Path f = tmp.resolve("f.npy");
    Path l = tmp.resolve("l.npy");
    CliTestSupport.Run r = ak("features", "--model", model.toString(), "--images", x.toString(), "--labels",
        y.toString(), "--classes", "1,2", "--logit-difference", "2,1", "--out", f.toString(), "--labels-out",
        l.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    long n = Arrays.stream(labels).filter(c -> c == 1 || c == 2).count();
    NpyArray features = Npy.read(f);
    assertArrayEquals(new long[] {n, parameters}, features.shape());
    long[] expected = Arrays.stream(labels).filter(c -> c == 1 || c == 2).mapToLong(c -> c == 1 ? 0 : 1).toArray();
    assertArrayEquals(expected, Npy.read(l).asLongs());
    Path g = tmp.resolve("g.npy");
    r = ak("kernel", "--model", model.toString(), "--images", x.toString(), "--labels", y.toString(), "--classes",
        "1,2", "--logit-difference", "2,1", "--out", g.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    float[] phi = features.asFloats();
    float[] k = Npy.read(g).asFloats();
    int d = (int) parameters;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int p = 0; p < d; p++) {
          dot += (double) phi[i * d + p] * phi[j * d + p];
        }
        assertEquals(dot, k[(int) (i * n + j)], 1e-4 * Math.max(1, Math.abs(dot)), "K[" + i + "," + j + "]");
      }
    }
    r = ak("kernel-stats", "--model", model.toString(), "--images", x.toString(), "--labels", y.toString(),
        "--classes", "1,2", "--logit-difference", "2,1");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("targetAlignmentNtk"), r.out());
  }

  @Test
  void regressionOfEveryClassWithATestSet() throws Exception {
    Path out = tmp.resolve("regress");
    CliTestSupport.Run r = ak("regress", "--model", model.toString(), "--images", x.toString(), "--labels",
        y.toString(), "--test-images", xt.toString(), "--test-labels", yt.toString(), "--classes", "all",
        "--outputs", "trace", "--train-first", "0", "--test-first", "0", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("24 training images, 4 classes"), r.out());
    assertArrayEquals(new long[] {16, 4}, Npy.read(out.resolve("predictions-test.npy")).shape());
    assertError(ak("regress", "--model", model.toString(), "--images", x.toString(), "--labels", y.toString(),
        "--classes", "all", "--out", tmp.resolve("r2").toString()), "--test-images");
  }

  @Test
  void analyzeOnYourTrainAndTestImages() throws Exception {
    Path out = tmp.resolve("analysis.json");
    CliTestSupport.Run r = ak("savedmodel", "analyze", model.toString(), "--images", x.toString(), "--labels",
        y.toString(), "--test-images", xt.toString(), "--test-labels", yt.toString(), "--classes", "1,2",
        "--logit-difference", "2,1", "--num-translations", "4", "--num-zooms", "4", "--num-swaps", "4",
        "--num-rotations", "4", "--ker-alignment-sample-size", "8", "--effective-rank-sample-size", "8",
        "--svm-iterations", "20", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    String json = Files.readString(out);
    assertTrue(json.contains("\"images\" : \"" + x) && json.contains("svm"), json.substring(0, 400));
  }
}
