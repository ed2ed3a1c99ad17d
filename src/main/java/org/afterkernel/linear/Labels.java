package org.afterkernel.linear;

import java.util.Arrays;

/**
 * Binary labels of a max-margin problem: class 0 (the original script's {@code minus_class}) and
 * class 1 ({@code plus_class}), with the signs {@code s_i = 2 y_i - 1} the solvers work with.
 * Construction checks that every label is 0 or 1; training additionally needs both classes.
 */
public final class Labels {
  private final int[] classes;
  private final double[] signs;
  private final int ones;

  private Labels(int[] classes) {
    this.classes = classes;
    this.signs = new double[classes.length];
    int count = 0;
    for (int i = 0; i < classes.length; i++) {
      signs[i] = classes[i] == 1 ? 1.0 : -1.0;
      count += classes[i];
    }
    this.ones = count;
  }

  /**
   * Labels from integer class values.
   *
   * @throws IllegalArgumentException naming the first value that is neither 0 nor 1
   */
  public static Labels of(long[] values) {
    int[] c = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0 && values[i] != 1) {
        throw new IllegalArgumentException(
            "label " + i + " is " + values[i] + ", expected 0 or 1");
      }
      c[i] = (int) values[i];
    }
    return new Labels(c);
  }

  /** Labels from class values 0 and 1. */
  public static Labels of(int... values) {
    return of(Arrays.stream(values).asLongStream().toArray());
  }

  /**
   * Checks that both classes occur, as a max-margin separator needs.
   *
   * @throws IllegalArgumentException saying which class is missing
   */
  public Labels requireBothClasses() {
    if (ones == 0 || ones == classes.length) {
      throw new IllegalArgumentException(
          "all " + classes.length + " labels are " + (ones == 0 ? 0 : 1)
              + ": a separator needs examples of both classes 0 and 1");
    }
    return this;
  }

  /** Number of examples. */
  public int size() {
    return classes.length;
  }

  /** Class of example {@code i} (0 or 1). */
  public int get(int i) {
    return classes[i];
  }

  /** Sign of example {@code i}: -1 for class 0, +1 for class 1. */
  public double sign(int i) {
    return signs[i];
  }

  /** The signs as an array (a copy). */
  public double[] signs() {
    return signs.clone();
  }

  /** Number of examples of class 1. */
  public int ones() {
    return ones;
  }
}
