package org.afterkernel.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain active-set (Newton) method for the hard-margin dual, one round at a time: the working
 * set {@code W} holds the current support vectors and the examples whose functional margin is
 * below {@code 1 - tolerance} (the most violated, at most as many as the support vectors and at
 * least 64); the round solves {@code Q_WW x = 1} (every working example on the
 * margin), holds the coefficients that come out negative at 0 until {@code x >= 0}, and jumps
 * there. Unlike coordinate descent its progress depends neither on the Gram matrix's conditioning
 * nor on the size of the coefficients, and once {@code W} is the support set it lands on the exact
 * solution. The factor is kept between rounds ({@link WorkingFactor}), its examples ordered by
 * confidence: examples join at the end (a triangular solve and a small factorization); examples
 * leave either held at 0 through the Schur complement (at most {@link #MAX_HELD}, when that is the
 * cheaper) or by refactorizing the factor's tail from the first example that leaves. The jump is
 * not guaranteed to decrease the objective: {@link ExactSvm} checks that it did and otherwise takes
 * a guarded step.
 */
final class ActiveSetRound {
  /** Coefficients held at 0 through the Schur complement, at most. */
  static final int MAX_HELD = 256;

  private final SignedGram q;
  private WorkingFactor factor;
  private int factorizations;
  /** Rows factorized by earlier factors. */
  private long rowsBefore;

  ActiveSetRound(SignedGram q) {
    this.q = q;
  }

  /**
   * What a round did.
   *
   * @param working {@code |W|} at the start
   * @param support coefficients {@code > 0} at the end (-1: the factorization failed, {@code a}
   *     unchanged)
   * @param factorizations new factorizations made so far, over all rounds
   * @param factorizedRows rows factorized so far, over all rounds (new factorizations and the
   *     tails {@link WorkingFactor#retain} factorized again)
   */
  record Round(int working, int support, int factorizations, long factorizedRows) {
    Round(int working, int support, int factorizations) {
      this(working, support, factorizations, -1);
    }
  }

  /** Replaces {@code a} by the round's point; {@code g = Qa - 1} on entry (not updated). */
  Round run(double[] a, double[] g, double tolerance) {
    int n = a.length;
    boolean[] wanted = new boolean[n];
    int support = 0;
    List<Integer> violators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (a[i] > 0) {
        wanted[i] = true;
        support++;
      } else if (g[i] < -tolerance) {
        violators.add(i);
      }
    }
    // The most violated examples join, at most as many as there are support vectors (and 64): a
    // Gram matrix of low rank has few support vectors, and a working set beyond its rank is
    // singular.
    violators.sort((i, j) -> Double.compare(g[i], g[j]));
    for (int k = 0; k < Math.min(violators.size(), Math.max(64, support)); k++) {
      wanted[violators.get(k)] = true;
    }
    int working = 0;
    for (boolean b : wanted) {
      working += b ? 1 : 0;
    }
    if (factor == null && !refactor(ordered(wanted, a, g))) {
      return new Round(working, -1, factorizations);
    }
    int[] set = factor.set();
    boolean[] inSet = new boolean[n];
    boolean[] keep = new boolean[set.length];
    List<Integer> dropped = new ArrayList<>();
    for (int p = 0; p < set.length; p++) {
      inSet[set[p]] = true;
      keep[p] = wanted[set[p]];
      if (!keep[p]) {
        dropped.add(p);
      }
    }
    boolean[] joining = new boolean[n];
    for (int i = 0; i < n; i++) {
      joining[i] = wanted[i] && !inSet[i];
    }
    int[] added = ordered(joining, a, g);
    WorkingFactor.Held held;
    if (dropped.size() <= MAX_HELD && holdingIsCheaper(set.length, dropped.size(), keep)) {
      if (!factor.extend(added) && !refactor(ordered(wanted, a, g))) {
        return new Round(working, -1, factorizations);
      }
      held = factor.held().with(toArray(dropped));
    } else {
      if (!factor.retain(keep, added) && !refactor(ordered(wanted, a, g))) {
        return new Round(working, -1, factorizations);
      }
      held = factor.held();
    }
    set = factor.set();
    double[] x;
    while (true) {
      x = factor.solveOnes(held);
      List<Integer> negative = new ArrayList<>();
      boolean[] positive = new boolean[x.length];
      for (int p = 0; p < x.length; p++) {
        positive[p] = x[p] > 0;
        if (x[p] < 0) {
          negative.add(p);
        }
      }
      if (negative.isEmpty()) {
        break;
      }
      if (held.size() + negative.size() <= MAX_HELD && holdingIsCheaper(x.length, negative.size(), positive)) {
        held = held.with(toArray(negative));
        continue;
      }
      // Drop the held and the negative coefficients from the factor (cheap when they are late).
      if (!factor.retain(positive, new int[0]) && !refactor(subset(set, positive))) {
        return new Round(working, -1, factorizations);
      }
      set = factor.set();
      held = factor.held();
    }
    Arrays.fill(a, 0);
    support = 0;
    for (int p = 0; p < set.length; p++) {
      a[set[p]] = x[p];
      support += x[p] > 0 ? 1 : 0;
    }
    return new Round(working, support, factorizations, rowsBefore + factor.factorizedRows());
  }

  /**
   * Whether holding {@code count} coefficients at 0 (two triangular solves of the factor's order
   * {@code u} each) costs less than dropping them ({@link WorkingFactor#retain}: a MatMul and a
   * factorization of the tail after the first position not kept).
   */
  private static boolean holdingIsCheaper(int u, int count, boolean[] keep) {
    int p = 0;
    while (p < keep.length && keep[p]) {
      p++;
    }
    double t = 0;
    for (int i = p; i < keep.length; i++) {
      t += keep[i] ? 1 : 0;
    }
    double retain = t * t * p + t * t * t / 3;
    double hold = 2.0 * u * u * count;
    return hold <= retain;
  }

  /**
   * The examples of {@code mask} in the order of confidence that they stay support vectors: those
   * with coefficients first, largest first, then the others by their margin, smallest first. A
   * factor in this order loses mostly late rows, which {@link WorkingFactor#retain} drops cheaply.
   */
  private static int[] ordered(boolean[] mask, double[] a, double[] g) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        idx.add(i);
      }
    }
    idx.sort((i, j) -> a[i] > 0 || a[j] > 0 ? Double.compare(a[j], a[i]) : Double.compare(g[i], g[j]));
    return toArray(idx);
  }

  private static int[] subset(int[] set, boolean[] keep) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < set.length; p++) {
      if (keep[p]) {
        out.add(set[p]);
      }
    }
    return toArray(out);
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private boolean refactor(int[] set) {
    if (factor != null) {
      rowsBefore += factor.factorizedRows();
    }
    factor = set.length == 0 ? null : WorkingFactor.of(q, set);
    factorizations++;
    return factor != null;
  }

}
