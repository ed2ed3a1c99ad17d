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
 * solution. The factor is kept between rounds ({@link WorkingFactor}): a round that adds at most
 * {@link #MAX_ADDED} examples borders it, and one that drops at most {@link #MAX_HELD} holds them at
 * 0; beyond that the working set is factorized afresh. The jump is not guaranteed to decrease the
 * objective: {@link ExactSvm} checks that it did and otherwise takes a guarded step.
 */
final class ActiveSetRound {
  /** Examples a round adds by bordering the factor, at most. */
  static final int MAX_ADDED = 512;
  /** Coefficients held at 0 through the Schur complement, at most. */
  static final int MAX_HELD = 256;

  private final SignedGram q;
  private WorkingFactor factor;
  private int factorizations;

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
   */
  record Round(int working, int support, int factorizations) {}

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
    List<Integer> added = new ArrayList<>();
    int removed = 0;
    if (factor != null) {
      boolean[] inSet = new boolean[n];
      for (int i : factor.set()) {
        inSet[i] = true;
        removed += wanted[i] ? 0 : 1;
      }
      for (int i = 0; i < n; i++) {
        if (wanted[i] && !inSet[i]) {
          added.add(i);
        }
      }
    }
    if (factor == null || added.size() > MAX_ADDED || removed > MAX_HELD
        || !factor.extend(added.stream().mapToInt(Integer::intValue).toArray())) {
      if (!refactor(indices(wanted))) {
        return new Round(working, -1, factorizations);
      }
    }
    int[] set = factor.set();
    List<Integer> held = new ArrayList<>();
    for (int p = 0; p < set.length; p++) {
      if (!wanted[set[p]]) {
        held.add(p);
      }
    }
    double[] x;
    while (true) {
      x = factor.solveOnes(held.stream().mapToInt(Integer::intValue).toArray());
      List<Integer> negative = new ArrayList<>();
      for (int p = 0; p < x.length; p++) {
        if (x[p] < 0) {
          negative.add(p);
        }
      }
      if (negative.isEmpty()) {
        break;
      }
      if (held.size() + negative.size() <= MAX_HELD) {
        held.addAll(negative);
        continue;
      }
      boolean[] keep = new boolean[n];
      for (int p = 0; p < x.length; p++) {
        keep[set[p]] = x[p] > 0;
      }
      if (!refactor(indices(keep))) {
        return new Round(working, -1, factorizations);
      }
      set = factor.set();
      held.clear();
    }
    Arrays.fill(a, 0);
    support = 0;
    for (int p = 0; p < set.length; p++) {
      a[set[p]] = x[p];
      support += x[p] > 0 ? 1 : 0;
    }
    return new Round(working, support, factorizations);
  }

  private boolean refactor(int[] set) {
    factor = set.length == 0 ? null : WorkingFactor.of(q, set);
    factorizations++;
    return factor != null;
  }

  private static int[] indices(boolean[] mask) {
    int count = 0;
    for (boolean b : mask) {
      count += b ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, k = 0; i < mask.length; i++) {
      if (mask[i]) {
        out[k++] = i;
      }
    }
    return out;
  }
}
