package org.afterkernel.linear;

/**
 * The training data of a max-margin problem, in one of the two forms the solvers accept: a feature
 * matrix (primal form, one row {@code x_i} per example) or the training Gram matrix {@code K_ij =
 * x_i . x_j} (dual form, unsigned: the solvers apply the label signs themselves). Both carry the
 * labels, one per example.
 */
public sealed interface TrainingSet permits TrainingSet.Features, TrainingSet.Gram {

  /** The labels, one per example. */
  Labels labels();

  /** Number of examples. */
  default int size() {
    return labels().size();
  }

  /** "primal" for features, "dual" for a Gram matrix. */
  String form();

  /**
   * Features: an {@code n x p} matrix whose rows are the examples.
   *
   * @param x the features
   * @param labels one label per row
   */
  record Features(DenseMatrix x, Labels labels) implements TrainingSet {
    public Features {
      if (x.rows() != labels.size()) {
        throw new IllegalArgumentException(
            "features have " + x.rows() + " rows but there are " + labels.size() + " labels");
      }
    }

    @Override
    public String form() {
      return "primal";
    }
  }

  /**
   * A Gram matrix: the symmetric {@code n x n} matrix of training inner products.
   *
   * @param k the Gram matrix
   * @param labels one label per row
   */
  record Gram(DenseMatrix k, Labels labels) implements TrainingSet {
    /** Relative asymmetry (to the largest diagonal element) tolerated from rounding. */
    public static final double SYMMETRY_TOLERANCE = 1e-4;

    /**
     * @throws IllegalArgumentException when {@code k} is not square, does not match the labels, has
     *     a negative diagonal element or is not symmetric up to rounding
     */
    public Gram {
      if (k.rows() != k.cols()) {
        throw new IllegalArgumentException("a Gram matrix must be square, got " + k.shapeString());
      }
      if (k.rows() != labels.size()) {
        throw new IllegalArgumentException(
            "the Gram matrix is " + k.shapeString() + " but there are " + labels.size() + " labels");
      }
      checkSymmetric(k);
    }

    @Override
    public String form() {
      return "dual";
    }

    private static void checkSymmetric(DenseMatrix k) {
      int n = k.rows();
      float maxDiagonal = 0;
      for (int i = 0; i < n; i++) {
        float d = k.get(i, i);
        if (!(d >= 0)) {
          throw new IllegalArgumentException(
              "K[" + i + "," + i + "] = " + d + ": the diagonal of a Gram matrix must be >= 0");
        }
        maxDiagonal = Math.max(maxDiagonal, d);
      }
      double tolerance = SYMMETRY_TOLERANCE * maxDiagonal;
      // Tiles of 64 x 64 keep both K[i, j] and K[j, i] in cache on large matrices.
      int tile = 64;
      for (int bi = 0; bi < n; bi += tile) {
        for (int bj = bi; bj < n; bj += tile) {
          for (int i = bi; i < Math.min(n, bi + tile); i++) {
            for (int j = Math.max(bj, i + 1); j < Math.min(n, bj + tile); j++) {
              float a = k.get(i, j);
              float b = k.get(j, i);
              if (!(Math.abs(a - b) <= tolerance)) {
                throw new IllegalArgumentException(
                    "not a Gram matrix: K[" + i + "," + j + "] = " + a + " but K[" + j + "," + i + "] = "
                        + b + " (expected a symmetric matrix)");
              }
            }
          }
        }
      }
    }
  }
}
