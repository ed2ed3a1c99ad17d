package org.afterkernel.linear;

/**
 * The coordinates in which {@link Jst1} iterates. Algorithm 1 only needs the signed margins {@code
 * Zw} (rows {@code z_i = s_i x_i}), {@code ||w||} and the gradient of the logsumexp loss, and its
 * update is linear, so it runs identically on {@code w} itself (primal: {@code p} coordinates, two
 * {@code n x p} products per iteration) or on {@code a} with {@code w = Z^T a} (dual: {@code n}
 * coordinates, one product with the symmetric Gram matrix per iteration, reading its upper
 * triangle only ({@link SymmetricMatVec}), {@code w} never formed). In the dual, {@code Zw = S K S a}, {@code ||w||^2 = a . Zw} and the gradient {@code
 * -Z^T q} has coordinates {@code -q}.
 */
sealed interface Jst1Form permits Jst1Form.Primal, Jst1Form.Dual {

  /** Number of coordinates of an iterate. */
  int dimension();

  /** Writes the signed margins {@code m_i = z_i . w} of the iterate {@code v}. */
  void signedMargins(double[] v, double[] m);

  /** {@code ||w||^2} of the iterate {@code v}, given its signed margins. */
  double normSquared(double[] v, double[] m);

  /** Writes the loss gradient {@code -Z^T q} in this form's coordinates. */
  void gradient(double[] q, double[] out);

  /**
   * True when the float storage of the data no longer determines the margins of {@code v} (weight
   * norm {@code weightNorm}) to the project's tolerance: never in the primal, where the features
   * are the problem; in the dual, see {@link GramRounding}.
   */
  boolean beyondPrecision(double[] v, double weightNorm);

  /** The classifier of the iterate {@code v}. */
  LinearModel model(double[] v, double weightNorm);

  /** The form for {@code data}. */
  static Jst1Form of(TrainingSet data) {
    return data instanceof TrainingSet.Features f ? new Primal(f) : new Dual((TrainingSet.Gram) data);
  }

  /** Iterates on {@code w}, over the feature matrix. */
  final class Primal implements Jst1Form {
    private final DenseMatrix x;
    private final double[] signs;

    Primal(TrainingSet.Features data) {
      this.x = data.x();
      this.signs = data.labels().signs();
    }

    @Override
    public int dimension() {
      return x.cols();
    }

    @Override
    public void signedMargins(double[] w, double[] m) {
      MatVec.multiplySigned(x, signs, w, m);
    }

    @Override
    public double normSquared(double[] w, double[] m) {
      double s = 0;
      for (double v : w) {
        s += v * v;
      }
      return s;
    }

    @Override
    public void gradient(double[] q, double[] out) {
      MatVec.multiplyTransposedSigned(x, signs, q, -1, out);
    }

    @Override
    public boolean beyondPrecision(double[] w, double weightNorm) {
      return false;
    }

    @Override
    public LinearModel model(double[] w, double weightNorm) {
      return new LinearModel.Primal(w.clone());
    }
  }

  /** Iterates on {@code a} ({@code w = Z^T a}), over the Gram matrix. */
  final class Dual implements Jst1Form {
    private final DenseMatrix k;
    private final double[] signs;
    private final double[] signedA;
    private final GramRounding rounding;

    Dual(TrainingSet.Gram data) {
      this.k = data.k();
      this.signs = data.labels().signs();
      this.signedA = new double[signs.length];
      this.rounding = new GramRounding(k);
    }

    @Override
    public int dimension() {
      return k.rows();
    }

    @Override
    public void signedMargins(double[] a, double[] m) {
      for (int i = 0; i < a.length; i++) {
        signedA[i] = signs[i] * a[i];
      }
      SymmetricMatVec.multiply(k, signedA, m);
      for (int i = 0; i < m.length; i++) {
        m[i] *= signs[i];
      }
    }

    @Override
    public double normSquared(double[] a, double[] m) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * m[i];
      }
      // A float Gram matrix can be very slightly indefinite; a norm is never negative.
      return Math.max(0, s);
    }

    @Override
    public void gradient(double[] q, double[] out) {
      for (int i = 0; i < q.length; i++) {
        out[i] = -q[i];
      }
    }

    @Override
    public boolean beyondPrecision(double[] a, double weightNorm) {
      return rounding.exceeded(a, weightNorm);
    }

    @Override
    public LinearModel model(double[] a, double weightNorm) {
      return new LinearModel.Dual(a.clone(), signs.clone(), weightNorm);
    }
  }
}
