package org.afterkernel.data;

import java.util.List;
import java.util.Locale;
import org.afterkernel.AkException;

/**
 * The datasets of the study, with their image shape and class names. On the command line they are
 * named {@code mnist} and {@code cifar10} (case-insensitive); on disk each lives in the
 * subdirectory of the data directory of the same name.
 */
public enum Dataset {
  /** MNIST handwritten digits: 28x28 grey images, classes 0–9 are the digits. */
  MNIST("mnist", 28, 28, 1, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
  /** CIFAR-10: 32x32 RGB images of ten object classes. */
  CIFAR10(
      "cifar10",
      32,
      32,
      3,
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
          "truck"));

  /** Number of classes of both datasets; labels are 0 to {@code CLASSES - 1}. */
  public static final int CLASSES = 10;

  private final String cliName;
  private final int height;
  private final int width;
  private final int channels;
  private final List<String> classNames;

  Dataset(String cliName, int height, int width, int channels, List<String> classNames) {
    this.cliName = cliName;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.classNames = classNames;
  }

  /** The name on the command line and of the subdirectory: {@code mnist} or {@code cifar10}. */
  public String cliName() {
    return cliName;
  }

  /** Rows per image. */
  public int height() {
    return height;
  }

  /** Columns per image. */
  public int width() {
    return width;
  }

  /** Channels per pixel: 1 (grey) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  /** Values per image, {@code height * width * channels}. */
  public int imageSize() {
    return height * width * channels;
  }

  /** The shape of one image as {@code HxWxC}, e.g. {@code 28x28x1}. */
  public String shapeText() {
    return height + "x" + width + "x" + channels;
  }

  /** The name of class {@code label} (0–9): the digit for MNIST, e.g. {@code cat} for CIFAR-10. */
  public String className(int label) {
    return classNames.get(label);
  }

  /** The class as {@code 3} for MNIST and {@code 3 (cat)} for CIFAR-10, for messages. */
  public String describeClass(int label) {
    String name = className(label);
    return name.equals(Integer.toString(label)) ? name : label + " (" + name + ")";
  }

  /** The dataset named {@code name} ({@code mnist} or {@code cifar10}, any case). */
  public static Dataset fromName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Dataset d : values()) {
      if (d.cliName.equals(n)) {
        return d;
      }
    }
    throw new AkException("unknown dataset '" + name + "': expected mnist or cifar10");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
