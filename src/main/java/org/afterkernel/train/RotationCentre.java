package org.afterkernel.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The point the training-time rotation turns about, in (row, column) pixel coordinates with pixel
 * centres at integers (PARITY.md §3).
 *
 * <ul>
 *   <li>{@link #KERAS} (the default, parity): keras-preprocessing 1.1.2's {@code
 *       transform_matrix_offset_center}, {@code (H/2 + 0.5, W/2 + 0.5)} (14.5 for MNIST), the
 *       Keras of the paper's TensorFlow 2.3-2.8. It is one pixel below and right of the geometric
 *       centre, so a rotation also moves the picture slightly.
 *   <li>{@link #GEOMETRIC}: the geometric centre {@code ((H-1)/2, (W-1)/2)} (13.5 for MNIST), as
 *       Keras 2.9 and later use.
 * </ul>
 */
public enum RotationCentre {
  KERAS,
  GEOMETRIC;

  /** The centre's row for images of {@code height} rows. */
  public double row(int height) {
    return of(height);
  }

  /** The centre's column for images of {@code width} columns. */
  public double col(int width) {
    return of(width);
  }

  private double of(int size) {
    return this == KERAS ? size / 2.0 + 0.5 : (size - 1) / 2.0;
  }

  /** The name used in options, configs and results: {@code keras} or {@code geometric}. */
  @JsonValue
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The centre named {@code name} (any case), or an error listing both. */
  @JsonCreator
  public static RotationCentre fromName(String name) {
    for (RotationCentre c : values()) {
      if (c.cliName().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "augmentation centre is '" + name + "', expected keras (parity: H/2+0.5) or geometric ((H-1)/2)");
  }

  /** A one-line description with the formula, e.g. for a results file. */
  public String describe() {
    return this == KERAS
        ? "keras: (H/2+0.5, W/2+0.5), keras-preprocessing 1.1.2 (parity)"
        : "geometric: ((H-1)/2, (W-1)/2), Keras >= 2.9";
  }
}
