package org.afterkernel.linear;

import java.util.Locale;
import java.util.SplittableRandom;
import org.afterkernel.io.Progress;

/**
 * Algorithm 2 of Ji, Srebro and Telgarsky (stochastic dual acceleration) as the original script
 * runs it: {@code beta_t = t/(t+1)}, {@code theta_t = 1}, {@code q} uniform at first, then each
 * iteration
 *
 * <pre>
 *   i ~ q
 *   g = t/(t+1) * (g - z_i)
 *   w = w - (g - z_i)
 *   q = softmax(clip(-Zw, -16, 16))
 * </pre>
 *
 * The primal form keeps {@code w} and recomputes {@code Zw} with one {@code n x p} product per
 * iteration, as the original does. The dual form keeps {@code a} ({@code w = Z^T a}) and updates
 * {@code Zw} and {@code Zg} with one row of the Gram matrix, so an iteration costs {@code O(n)}; it
 * recomputes both exactly every {@code 16 n} iterations so that rounding cannot accumulate. The
 * sampling uses a seeded generator, so a run is reproducible (the original used NumPy's unseeded
 * global generator).
 *
 * <p>With unit steps {@code ||w||} grows about as {@code t^2}, so after a few hundred iterations
 * every margin exceeds the clip of 16, the sampling becomes uniform over the examples and the
 * margin drifts below the optimum (on small tests it settles around 60-90% of it). That is the
 * original's behaviour and is kept; Algorithm 1 is the solver that reaches the maximum margin.
 */
public final class Jst2 implements MaxMarginSolver {
  /** The original's clipping of the sampling exponents. */
  public static final double CLIP = 16.0;

  private final long seed;

  /** Algorithm 2 with the given sampling seed. */
  public Jst2(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "jst2";
  }

  @Override
  public boolean supportsGram() {
    return true;
  }

  /** The sampling seed. */
  public long seed() {
    return seed;
  }

  @Override
  public Solution fit(TrainingSet data, StopRule stop, Progress progress) {
    data.labels().requireBothClasses();
    StopRule.Monitor monitor = stop.start();
    State state = data instanceof TrainingSet.Features f ? new PrimalState(f) : new DualState((TrainingSet.Gram) data);
    int n = data.size();
    double[] q = new double[n];
    java.util.Arrays.fill(q, 1.0 / n);
    SplittableRandom random = new SplittableRandom(seed);
    long t = 0;
    while (true) {
      double norm = Math.sqrt(state.normSquared());
      double margin = Margins.fromSignedValues(state.margins(), norm);
      if (Double.isNaN(margin)) {
        throw new IllegalArgumentException(
            "the margin became NaN at iteration " + t + ": the training data has non-finite values");
      }
      StopReason reason = monitor.check(t, margin);
      if (reason == null && t > 0 && state.beyondPrecision(norm)) {
        reason = StopReason.PRECISION_LIMIT;
      }
      if (reason != null) {
        progress.status(String.format(Locale.ROOT, "margin %.6g", margin));
        return new Solution(name(), data.form(), state.model(norm), margin, t, monitor.seconds(), reason,
            Certificate.primalOnly(margin, t));
      }
      int i = sample(q, random.nextDouble());
      state.update(i, t / (t + 1.0), t + 1);
      Softmax.ofNegatedClipped(state.margins(), CLIP, q);
      t++;
      if (t % 1024 == 0) {
        progress.status(String.format(Locale.ROOT, "margin %.6g", margin));
      }
      progress.step(1);
    }
  }

  /** The first index whose cumulative weight exceeds {@code u} (weights summing to 1). */
  static int sample(double[] q, double u) {
    double cumulative = 0;
    for (int i = 0; i < q.length; i++) {
      cumulative += q[i];
      if (u < cumulative) {
        return i;
      }
    }
    // u within rounding of 1: the last example of positive weight.
    int last = q.length - 1;
    while (last > 0 && q[last] == 0) {
      last--;
    }
    return last;
  }

  /** The iterate in one form. */
  private interface State {
    /** Signed margins {@code Zw} of the current iterate. */
    double[] margins();

    double normSquared();

    /** One update with example {@code i}, {@code shrink = t/(t+1)}; {@code done} counts updates. */
    void update(int i, double shrink, long done);

    LinearModel model(double norm);

    /** See {@link Jst1Form#beyondPrecision}. */
    boolean beyondPrecision(double norm);
  }

  private static final class PrimalState implements State {
    private final DenseMatrix x;
    private final double[] signs;
    private final double[] w;
    private final double[] g;
    private final double[] m;

    PrimalState(TrainingSet.Features data) {
      x = data.x();
      signs = data.labels().signs();
      w = new double[x.cols()];
      g = new double[x.cols()];
      m = new double[x.rows()];
    }

    @Override
    public double[] margins() {
      return m;
    }

    @Override
    public double normSquared() {
      double s = 0;
      for (double v : w) {
        s += v * v;
      }
      return s;
    }

    @Override
    public void update(int i, double shrink, long done) {
      float[] a = x.data();
      int o = x.rowOffset(i);
      double s = signs[i];
      for (int k = 0; k < w.length; k++) {
        double zik = s * a[o + k];
        g[k] = shrink * (g[k] - zik);
        w[k] -= g[k] - zik;
      }
      MatVec.multiplySigned(x, signs, w, m);
    }

    @Override
    public LinearModel model(double norm) {
      return new LinearModel.Primal(w.clone());
    }

    @Override
    public boolean beyondPrecision(double norm) {
      return false;
    }
  }

  private static final class DualState implements State {
    private final DenseMatrix k;
    private final double[] signs;
    private final double[] a;
    private final double[] g;
    /** {@code Zw = S K S a}. */
    private final double[] m;
    /** {@code Zg = S K S g}. */
    private final double[] zg;
    private final long refreshEvery;
    private final GramRounding rounding;

    DualState(TrainingSet.Gram data) {
      k = data.k();
      signs = data.labels().signs();
      int n = signs.length;
      a = new double[n];
      g = new double[n];
      m = new double[n];
      zg = new double[n];
      refreshEvery = 16L * n;
      rounding = new GramRounding(k);
    }

    @Override
    public double[] margins() {
      return m;
    }

    @Override
    public double normSquared() {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        s += a[j] * m[j];
      }
      return Math.max(0, s);
    }

    @Override
    public void update(int i, double shrink, long done) {
      float[] kd = k.data();
      int o = k.rowOffset(i);
      double si = signs[i];
      // g = shrink (g - e_i); a = a - (g - e_i); with z_j . z_i = s_j s_i K_ij (K symmetric).
      for (int j = 0; j < a.length; j++) {
        g[j] *= shrink;
        a[j] -= g[j];
        double zz = signs[j] * si * kd[o + j];
        zg[j] = shrink * (zg[j] - zz);
        m[j] -= zg[j] - zz;
      }
      g[i] -= shrink;
      a[i] += shrink + 1;
      if (done % refreshEvery == 0) {
        product(a, m);
        product(g, zg);
      }
    }

    /** {@code out = S K S v}. */
    private void product(double[] v, double[] out) {
      double[] sv = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        sv[j] = signs[j] * v[j];
      }
      SymmetricMatVec.multiply(k, sv, out);
      for (int j = 0; j < out.length; j++) {
        out[j] *= signs[j];
      }
    }

    @Override
    public LinearModel model(double norm) {
      return new LinearModel.Dual(a.clone(), signs.clone(), norm);
    }

    @Override
    public boolean beyondPrecision(double norm) {
      return rounding.exceeded(a, norm);
    }
  }
}
