package org.afterkernel.linear;

import java.util.Arrays;
import org.afterkernel.tf.CholeskyFactor;
import org.afterkernel.tf.Products;
import org.afterkernel.tf.TriangularSolves;

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
 * The factorization and the triangular solves with many right-hand sides are TensorFlow's (double
 * precision); the single-vector solves are plain Java loops. Tested against a linear system solved
 * from scratch.
 */
final class WorkingFactor {
  private final SignedGram q;
  private int[] set;
  private int size;
  /** Row-major with row stride {@code capacity}; row {@code i} holds {@code L[i, 0..i]}. */
  private double[] l;
  private int capacity;
  /** {@code Q_UU} as float, row-major, made on first use after each change of the set (null: stale). */
  private float[] block;
  /** Rows factorized so far: the whole set at creation, then each retained tail. */
  private long factorizedRows;

  private WorkingFactor(SignedGram q, int[] set, double[] l, int capacity) {
    this.q = q;
    this.set = set;
    this.size = set.length;
    this.l = l;
    this.capacity = capacity;
    this.factorizedRows = set.length;
  }

  /** Rows factorized so far (the creation's, then every tail's): the measure of the work done. */
  long factorizedRows() {
    return factorizedRows;
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

  /** Adds {@code added} (examples not in the set) at the end; false, the factor unchanged, when singular. */
  boolean extend(int[] added) {
    boolean[] keep = new boolean[size];
    Arrays.fill(keep, true);
    return retain(keep, added);
  }

  /**
   * Keeps the positions where {@code keep} is true, in order, and appends {@code added}. Only the
   * rows from the first position dropped on change: the leading block's factor is the factor of
   * the leading examples, the later kept rows keep their first {@code p} columns, the new rows get
   * theirs from one triangular solve with the leading block ({@code L_11^-1 Q_1A}), and the tail
   * is the factor of its Schur complement {@code Q_TT - L_T1 L_T1^T} (one MatMul and one
   * factorization of the tail's order). Dropping late positions is therefore cheap, which is why
   * working sets are ordered by confidence ({@link ActiveSetRound}).
   *
   * @return false, the factor unchanged, when the tail's Schur complement is singular
   */
  boolean retain(boolean[] keep, int[] added) {
    int p = 0;
    while (p < size && keep[p]) {
      p++;
    }
    if (p == size && added.length == 0) {
      return true;
    }
    int kept = 0;
    for (int i = p; i < size; i++) {
      kept += keep[i] ? 1 : 0;
    }
    int t = kept + added.length;
    int[] tail = new int[t];
    double[] lt = new double[t * Math.max(p, 1)];
    for (int i = p, r = 0; i < size; i++) {
      if (keep[i]) {
        tail[r] = set[i];
        System.arraycopy(l, i * capacity, lt, r * p, p);
        r++;
      }
    }
    if (added.length > 0 && p > 0) {
      int k = added.length;
      double[] columns = new double[p * k];
      for (int j = 0; j < k; j++) {
        double[] col = q.column(added[j], set, p);
        for (int i = 0; i < p; i++) {
          columns[i * k + j] = col[i];
        }
      }
      double[] solved = TriangularSolves.solve(leading(p), p, columns, k, false);
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < p; i++) {
          lt[(kept + j) * p + i] = solved[i * k + j];
        }
      }
    }
    System.arraycopy(added, 0, tail, kept, added.length);
    double[] schur = q.block(tail);
    if (p > 0 && t > 0) {
      double[] product = Products.gramDouble(Arrays.copyOf(lt, t * p), t, p);
      for (int i = 0; i < schur.length; i++) {
        schur[i] -= product[i];
      }
    }
    CholeskyFactor d = t == 0 ? null : SupportSetSolver.factor(schur);
    if (t > 0 && d == null) {
      return false;
    }
    factorizedRows += t;
    block = null;
    int order = p + t;
    double[] next = new double[Math.multiplyExact(Math.max(order, 1), Math.max(order, 1))];
    for (int i = 0; i < p; i++) {
      System.arraycopy(l, i * capacity, next, i * order, i + 1);
    }
    for (int r = 0; r < t; r++) {
      System.arraycopy(lt, r * p, next, (p + r) * order, p);
      System.arraycopy(d.lower(), r * t, next, (p + r) * order + p, r + 1);
    }
    int[] joined = Arrays.copyOf(set, order);
    System.arraycopy(tail, 0, joined, p, t);
    set = joined;
    size = order;
    l = next;
    capacity = order;
    return true;
  }

  /** The leading {@code p x p} block of the factor, row-major. */
  private double[] leading(int p) {
    double[] out = new double[p * p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(l, i * capacity, out, i * p, i + 1);
    }
    return out;
  }

  /**
   * The minimiser of {@code 1/2 x'Q_UU x - 1'x} with the coefficients at {@code heldPositions}
   * (positions in {@link #set()}) held at 0, refined twice against {@code Q_UU} read from the Gram
   * matrix.
   */
  double[] solveOnes(Held held) {
    double[] ones = new double[size];
    Arrays.fill(ones, 1);
    double[] x = held.solve(ones);
    for (int refine = 0; refine < 2; refine++) {
      double[] r = blockProduct(x);
      for (int i = 0; i < size; i++) {
        r[i] = 1 - r[i];
      }
      for (int h : held.positions) {
        r[h] = 0; // the held rows carry the multipliers, not equations
      }
      double[] dx = held.solve(r);
      for (int i = 0; i < size; i++) {
        x[i] += dx[i];
      }
    }
    return x;
  }

  /**
   * {@code Q_UU x} from a compact float copy of {@code Q_UU}, gathered from the Gram matrix once per
   * working set (the refinement's products would otherwise gather it again every time).
   */
  private double[] blockProduct(double[] x) {
    if (block == null) {
      block = q.compactBlock(set, size);
    }
    float[] b = block;
    int u = size;
    double[] out = new double[u];
    java.util.stream.IntStream.range(0, u).parallel().forEach(i -> {
      double acc = 0;
      int row = i * u;
      for (int j = 0; j < u; j++) {
        acc += b[row + j] * x[j];
      }
      out[i] = acc;
    });
    return out;
  }

  /** No coefficient held. */
  Held held() {
    return new Held(new int[0], new double[0][]);
  }

  /**
   * Coefficients held at 0 (positions in {@link #set()}): the columns {@code Y = Q_UU^-1 E_H}, made
   * by one two-sided TensorFlow triangular solve per batch of new positions, and their Schur block.
   */
  final class Held {
    private final int[] positions;
    private final double[][] y;
    private final CholeskyFactor schur;

    private Held(int[] positions, double[][] y) {
      this.positions = positions;
      this.y = y;
      int h = positions.length;
      double[] m = new double[h * h];
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < h; j++) {
          m[i * h + j] = y[j][positions[i]];
        }
      }
      this.schur = h == 0 ? null : CholeskyFactor.of(m, h);
    }

    int size() {
      return positions.length;
    }

    /** These positions and {@code more} held. */
    Held with(int[] more) {
      int h = positions.length;
      int k = more.length;
      double[] e = new double[size * k];
      for (int j = 0; j < k; j++) {
        e[more[j] * k + j] = 1;
      }
      double[] solved = TriangularSolves.solve(compact(), size, e, k, true);
      double[][] cols = Arrays.copyOf(y, h + k);
      for (int j = 0; j < k; j++) {
        cols[h + j] = new double[size];
        for (int i = 0; i < size; i++) {
          cols[h + j][i] = solved[i * k + j];
        }
      }
      int[] p = Arrays.copyOf(positions, h + k);
      System.arraycopy(more, 0, p, h, k);
      return new Held(p, cols);
    }

    double[] solve(double[] b) {
      double[] x0 = WorkingFactor.this.solve(b);
      int h = positions.length;
      if (h == 0) {
        return x0;
      }
      double[] rhs = new double[h];
      for (int i = 0; i < h; i++) {
        rhs[i] = x0[positions[i]];
      }
      double[] mu = schur == null ? new double[h] : schur.solve(rhs);
      for (int j = 0; j < h; j++) {
        double[] col = y[j];
        double c = mu[j];
        for (int i = 0; i < size; i++) {
          x0[i] -= c * col[i];
        }
      }
      for (int p : positions) {
        x0[p] = 0;
      }
      return x0;
    }
  }

  /** The factor as a row-major {@code size x size} array (a copy when the storage has spare capacity). */
  private double[] compact() {
    return capacity == size ? l : leading(size);
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
