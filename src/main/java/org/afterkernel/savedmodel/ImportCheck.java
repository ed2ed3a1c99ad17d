package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.afterkernel.data.Images;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.Weights;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * The checks of {@code ak savedmodel check}: the imported graph against the SavedModel's own
 * serving signature on the same images, and its per-example gradients (the after-kernel
 * features) against one-example backpropagation and central finite differences.
 */
public final class ImportCheck {
  /**
   * Finite-difference steps, taken on a float64 copy of the imported graph ({@link
   * Float64Replica}): small enough that the kinks of ReLU and max pooling are rarely within a
   * step, large enough that float64 rounding does not matter; see {@link #estimate}.
   */
  static final double[] STEPS = {1e-4, 1e-5, 1e-6};

  /** Largest gradient difference accepted, relative to the largest |gradient|. */
  public static final double TOLERANCE = 1e-5;

  private ImportCheck() {}

  /**
   * The forward comparison.
   *
   * @param images number of images compared
   * @param width output values per image
   * @param outputKey the signature output compared
   * @param maxAbsDiff largest |imported - signature| over all values
   * @param maxAbsOutput largest |signature| (for scale)
   */
  public record Forward(int images, int width, String outputKey, double maxAbsDiff, double maxAbsOutput) {}

  /**
   * The gradient comparison.
   *
   * @param examples examples checked
   * @param parameters trainable scalars per example
   * @param maxAbsVsBackprop largest |per-example feature - one-example tf.gradients| over all
   *     parameters and examples
   * @param maxAbsGradient largest |gradient|: the scale errors are measured against
   * @param sampled (parameter entry, example) pairs compared with central finite differences
   * @param maxAbsVsFiniteDifference largest |feature - central difference| over those pairs
   */
  public record Gradient(int examples, long parameters, double maxAbsVsBackprop, double maxAbsGradient,
      int sampled, double maxAbsVsFiniteDifference) {
    /** |feature - backprop| relative to the gradient scale. */
    public double relativeVsBackprop() {
      return maxAbsVsBackprop / Math.max(maxAbsGradient, Double.MIN_NORMAL);
    }

    /** |feature - finite difference| relative to the gradient scale. */
    public double relativeVsFiniteDifference() {
      return maxAbsVsFiniteDifference / Math.max(maxAbsGradient, Double.MIN_NORMAL);
    }

    /**
     * Whether the gradients agree: with backprop and with float64 finite differences to 1e-5 of
     * the gradient scale (the features are float32).
     */
    public boolean passes() {
      return relativeVsBackprop() <= TOLERANCE && relativeVsFiniteDifference() <= TOLERANCE;
    }
  }

  /** Runs the imported model and the serving signature on {@code x}. */
  public static Forward forward(ImportedModel imported, Images x) {
    int width = imported.outputWidth();
    float[] mine = imported.model().evaluate(x, imported.output(), width);
    try (ServingSignature sig = new ServingSignature(imported.files(), imported.modelInputShape())) {
      float[] theirs = sig.run(x, width);
      double max = 0;
      double scale = 0;
      for (int i = 0; i < mine.length; i++) {
        max = Math.max(max, Math.abs((double) mine[i] - theirs[i]));
        scale = Math.max(scale, Math.abs(theirs[i]));
        if (Double.isNaN(mine[i]) != Double.isNaN(theirs[i])) {
          max = Double.POSITIVE_INFINITY;
        }
      }
      return new Forward(x.count(), width, sig.outputKey(), max, scale);
    }
  }

  /**
   * Checks the per-example gradients of the logit on {@code x} (a few images): all of them against
   * one-example backpropagation, and {@code perVariable} entries of every variable (half the
   * largest, half at random from {@code seed}) against central finite differences.
   */
  public static Gradient gradients(ImportedModel imported, Images x, int perVariable, long seed) {
    return gradients(imported.model(), x, perVariable, seed);
  }

  /** {@link #gradients(ImportedModel, Images, int, long)} for any model. */
  public static Gradient gradients(Model m, Images x, int perVariable, long seed) {
    float[][] features = rows(FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED).features(x));
    List<Parameter> params = m.parameters();
    long total = features.length == 0 ? 0 : features[0].length;

    double maxBackprop = 0;
    double maxGrad = 0;
    Gradients g = m.tf().gradients(m.tf().reduceSum(m.logitsOp(), m.tf().constant(0)),
        params.stream().map(p -> (Operand<?>) p.variable()).toList());
    for (int e = 0; e < x.count(); e++) {
      float[] ref = backprop(m, g, x.slice(e, e + 1), params);
      for (int j = 0; j < ref.length; j++) {
        maxBackprop = Math.max(maxBackprop, Math.abs((double) ref[j] - features[e][j]));
        maxGrad = Math.max(maxGrad, Math.abs(ref[j]));
      }
    }

    Weights weights = m.weights();
    double maxAbsFd = 0;
    int sampled = 0;
    try (Float64Replica replica = new Float64Replica(m)) {
      double[] base = replica.logits(x, weights);
      int offset = 0;
      SplittableRandom rnd = new SplittableRandom(seed);
      for (Parameter p : params) {
        float[] values = weights.get(p.name()).asFloats();
        for (int j : sample(features, offset, p.size(), perVariable, rnd)) {
          Difference[] d = new Difference[STEPS.length];
          for (int s = 0; s < STEPS.length; s++) {
            double h = STEPS[s];
            d[s] = new Difference(replica.logitsWith(x, weights, p, j, values[j] - h), base,
                replica.logitsWith(x, weights, p, j, values[j] + h), h, h);
          }
          for (int e = 0; e < x.count(); e++) {
            double err = Math.abs(estimate(d, e) - features[e][offset + j]);
            maxAbsFd = Math.max(maxAbsFd, err);
            sampled++;
          }
        }
        offset += p.size();
      }
    }
    return new Gradient(x.count(), total, maxBackprop, maxGrad, sampled, maxAbsFd);
  }

  private static float[][] rows(DenseMatrix f) {
    float[][] out = new float[f.rows()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.row(i);
    }
    return out;
  }

  private static float[] backprop(Model m, Gradients g, Images one, List<Parameter> params) {
    try (TFloat32 in = Tensors.floats(one.shape(), one.pixels())) {
      var runner = m.session().runner().feed(m.input(), in);
      for (int i = 0; i < params.size(); i++) {
        runner.fetch(g.dy(i));
      }
      try (Result r = runner.run()) {
        float[] out = new float[params.stream().mapToInt(Parameter::size).sum()];
        int offset = 0;
        for (int i = 0; i < params.size(); i++) {
          Tensors.copyInto((TFloat32) r.get(i), out, offset);
          offset += params.get(i).size();
        }
        return out;
      }
    }
  }

  /** Indices of a variable to check: the largest |feature| summed over examples, then random ones. */
  private static List<Integer> sample(float[][] f, int offset, int size, int count, SplittableRandom rnd) {
    List<Integer> out = new ArrayList<>();
    double[] mass = new double[size];
    for (float[] row : f) {
      for (int j = 0; j < size; j++) {
        mass[j] += Math.abs(row[offset + j]);
      }
    }
    Integer[] order = new Integer[size];
    for (int j = 0; j < size; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(mass[b], mass[a]));
    for (int k = 0; k < Math.min(size, (count + 1) / 2); k++) {
      out.add(order[k]);
    }
    while (out.size() < Math.min(size, count)) {
      int j = rnd.nextInt(size);
      if (!out.contains(j)) {
        out.add(j);
      }
    }
    return out;
  }

  /**
   * The logits at theta_j - h, theta_j and theta_j + h. The network is piecewise smooth (ReLU,
   * max pooling); a finite difference means something only when no kink lies within the step,
   * which shows as forward and backward differences that agree.
   */
  private record Difference(double[] down, double[] base, double[] up, double hDown, double hUp) {
    double central(int e) {
      return (up[e] - down[e]) / (hUp + hDown);
    }

    double forward(int e) {
      return (up[e] - base[e]) / hUp;
    }

    double backward(int e) {
      return (base[e] - down[e]) / hDown;
    }

    /** How far rounding of the (float64) logit can move a quotient: a few ulps over the step. */
    double rounding(int e) {
      double f = Math.max(Math.max(Math.abs(up[e]), Math.abs(down[e])), Math.abs(base[e]));
      return 64 * Math.ulp(f) / Math.min(hUp, hDown);
    }

    /** |forward - backward difference|: zero where f is linear over the step (no kink). */
    double curvature(int e) {
      return Math.abs(forward(e) - backward(e));
    }
  }

  /**
   * The derivative from the differences of one example: of the one-sided quotients that agree
   * between two consecutive steps (so the logit is linear on that side over the larger step) and
   * the central quotients (whose forward and backward halves agree where there is no kink), the
   * one with the least disagreement plus rounding (which grows as the step shrinks).
   */
  static double estimate(Difference[] d, int e) {
    double best = Double.NaN;
    double instability = Double.POSITIVE_INFINITY;
    for (int k = 0; k < d.length; k++) {
      double[] candidates = {d[k].central(e), d[k].forward(e), d[k].backward(e)};
      double[] spread = {d[k].curvature(e), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      if (k + 1 < d.length) {
        spread[1] = Math.abs(d[k].forward(e) - d[k + 1].forward(e)) + d[k + 1].rounding(e);
        spread[2] = Math.abs(d[k].backward(e) - d[k + 1].backward(e)) + d[k + 1].rounding(e);
      }
      spread[0] += d[k].rounding(e);
      for (int c = 0; c < 3; c++) {
        if (spread[c] < instability) {
          best = candidates[c];
          instability = spread[c];
        }
      }
    }
    return best;
  }


}
