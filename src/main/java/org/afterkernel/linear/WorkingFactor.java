package org.afterkernel.linear;

import java.util.Arrays;
import org.afterkernel.tf.CholeskyFactor;

/**
 * The Cholesky factor {@code L L^T = Q_UU} of the hard-margin dual's matrix on a working set
 * {@code U}, kept across active-set rounds so that a round that changes the working set a little
 * costs {@code O(|U|^2)} per change instead of a new {@code O(|U|^3)} factorization:
 *
 * <ul>
 *   <li>examples join by bordering: {@code L' = [L 0; C^T D]} with {@code C = L^-1 Q_UA} (forward
 *       substitutions) and {@code D D^T = Q_AA - C^T C} (a small factorization);
 *   <li>examples leave by being held at 0: the minimiser of {@code 1/2 x'Q_UU x - 1'x} with {@code
 *       x_H = 0} is {@code x0 - Y mu}, {@code x0 = Q_UU^-1 1}, {@code Y = Q_UU^-1 E_H}, {@code (E_H^T
 *       Y) mu = x0_H} (the factor's Schur complement).
 * </ul>
 *
 * The first factorization is TensorFlow's (double precision); the updates and triangular solves are
 * plain Java loops, each tested against a new factorization.
 */
final class WorkingFactor {
  private final SignedGram q;
  private int[] set;
  private int size;
  /** Row-major with row stride {@code capacity}; row {@code i} holds {@code L[i, 0..i]}. */
  private double[] l;
  private int capacity;

  private WorkingFactor(SignedGram q, int[] set, double[] l, int capacity) {
    this.q = q;
    this.set = set;
    this.size = set.length;
    this.l = l;
    this.capacity = capacity;
  }

  /**
   * A new factorization of {@code Q} on {@code set}; when {@code Q_UU} is singular (duplicate or
   * dependent examples), of {@code Q_UU} plus a multiple of its largest diagonal element ({@link
   * SupportSetSolver#factor}); null when even that fails.
   */
  static WorkingFactor of(SignedGram q, int[] set) {
    CholeskyFactor f = SupportSetSolver.factor(q.block(set));
    if (f == null) {
      return null;
    }
    return new WorkingFactor(q, set.clone(), f.lower(), set.length);
  }

  /** The working set, in the factor's order. */
  int[] set() {
    return Arrays.copyOf(set, size);
  }

  int size() {
    return size;
  }

  /**
   * Adds {@code added} (examples not in the set) by bordering.
   *
   * @return false, the factor unchanged, when the new examples make {@code Q_UU} singular
   */
  boolean extend(int[] added) {
    int k = added.length;
    if (k == 0) {
      return true;
    }
    int u = size;
    double[][] c = new double[k][];
    java.util.stream.IntStream.range(0, k).parallel().forEach(j -> c[j] = forward(q.column(added[j], set, u)));
    double[] schur = new double[k * k];
    double[] qaa = q.block(added);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double v = qaa[i * k + j] - dot(c[i], c[j], u);
        schur[i * k + j] = v;
        schur[j * k + i] = v;
      }
    }
    CholeskyFactor d = CholeskyFactor.of(schur, k);
    if (d == null) {
      return false;
    }
    if (u + k > capacity) {
      int grown = Math.max(u + k, capacity + capacity / 4 + 16);
      double[] bigger = new double[Math.multiplyExact(grown, grown)];
      for (int i = 0; i < u; i++) {
        System.arraycopy(l, i * capacity, bigger, i * grown, i + 1);
      }
      l = bigger;
      capacity = grown;
    }
    for (int j = 0; j < k; j++) {
      int row = (u + j) * capacity;
      System.arraycopy(c[j], 0, l, row, u);
      for (int t = 0; t <= j; t++) {
        l[row + u + t] = d.lower()[j * k + t];
      }
    }
    int[] joined = Arrays.copyOf(set, u + k);
    System.arraycopy(added, 0, joined, u, k);
    set = joined;
    size = u + k;
    return true;
  }

  /**
   * The minimiser of {@code 1/2 x'Q_UU x - 1'x} with the coefficients at {@code heldPositions}
   * (positions in {@link #set()}) held at 0, refined twice against {@code Q_UU} read from the Gram
   * matrix.
   */
  double[] solveOnes(int[] heldPositions) {
    Held held = new Held(heldPositions);
    double[] ones = new double[size];
    Arrays.fill(ones, 1);
    double[] x = held.solve(ones);
    for (int refine = 0; refine < 2; refine++) {
      double[] r = q.blockProduct(set, size, x);
      for (int i = 0; i < size; i++) {
        r[i] = 1 - r[i];
      }
      for (int h : heldPositions) {
        r[h] = 0; // the held rows carry the multipliers, not equations
      }
      double[] dx = held.solve(r);
      for (int i = 0; i < size; i++) {
        x[i] += dx[i];
      }
    }
    return x;
  }

  /** Solves with coefficients held at 0: the columns {@code Y = Q_UU^-1 E_H} and their Schur block, made once. */
  private final class Held {
    private final int[] held;
    private final double[][] y;
    private final CholeskyFactor schur;

    Held(int[] held) {
      this.held = held;
      int h = held.length;
      this.y = new double[h][];
      java.util.stream.IntStream.range(0, h).parallel().forEach(j -> {
        double[] e = new double[size];
        e[held[j]] = 1;
        y[j] = WorkingFactor.this.solve(e);
      });
      double[] m = new double[h * h];
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < h; j++) {
          m[i * h + j] = y[j][held[i]];
        }
      }
      this.schur = h == 0 ? null : CholeskyFactor.of(m, h);
    }

    double[] solve(double[] b) {
      double[] x0 = WorkingFactor.this.solve(b);
      int h = held.length;
      if (h == 0) {
        return x0;
      }
      double[] rhs = new double[h];
      for (int i = 0; i < h; i++) {
        rhs[i] = x0[held[i]];
      }
      double[] mu = schur == null ? new double[h] : schur.solve(rhs);
      for (int j = 0; j < h; j++) {
        double[] col = y[j];
        double c = mu[j];
        for (int i = 0; i < size; i++) {
          x0[i] -= c * col[i];
        }
      }
      for (int p : held) {
        x0[p] = 0;
      }
      return x0;
    }
  }

  /** {@code Q_UU^-1 b}: {@code L y = b}, then {@code L^T x = y}. */
  double[] solve(double[] b) {
    double[] y = forward(b);
    for (int i = size - 1; i >= 0; i--) {
      int row = i * capacity;
      double xi = y[i] / l[row + i];
      y[i] = xi;
      for (int k = 0; k < i; k++) {
        y[k] -= l[row + k] * xi;
      }
    }
    return y;
  }

  /** {@code L^-1 b} over the first {@code b.length} rows. */
  private double[] forward(double[] b) {
    double[] y = b.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = (y[i] - dot(l, i * capacity, y, i)) / l[i * capacity + i];
    }
    return y;
  }

  /** {@code sum_k a[off + k] * y[k]} for {@code k < len}, four accumulators. */
  private static double dot(double[] a, int off, double[] y, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[off + k] * y[k];
      s1 += a[off + k + 1] * y[k + 1];
      s2 += a[off + k + 2] * y[k + 2];
      s3 += a[off + k + 3] * y[k + 3];
    }
    for (; k < len; k++) {
      s0 += a[off + k] * y[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double dot(double[] a, double[] b, int len) {
    return dot(a, 0, b, len);
  }
}
