package org.afterkernel.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import picocli.CommandLine.Option;

/**
 * Your own data instead of {@code --dataset}, for models whose input is neither MNIST nor
 * CIFAR-10: {@code --images X.npy [--labels y.npy]}, and the test set as {@code --test-images} /
 * {@code --test-labels} where a command reads the test split. Images are float {@code (N, H, W,
 * C)} or {@code (N, H, W)} arrays ({@link ImageNpy}), labels integer classes {@code (N,)}. A
 * picocli mixin; the model is opened for the images' shape, and a shape that does not fit the
 * model is refused naming both.
 */
public final class ImagesOptions {
  /** Largest class label accepted (a model has at most this many outputs per task here). */
  static final int MAX_CLASSES = 1000;

  @Option(names = "--images", paramLabel = "X.npy", description = "Your own images instead of --dataset: float"
      + " .npy of shape (N, H, W, C) or (N, H, W), for models whose input is neither MNIST nor CIFAR-10.")
  Path images;

  @Option(names = "--labels", paramLabel = "Y.npy", description = "Integer class labels of --images, shape (N,)"
      + " (with ak kernel-stats --gram, the 0/1 labels of its rows).")
  Path labels;

  @Option(names = "--test-images", paramLabel = "X.npy", description = "Your own test images (where a command"
      + " reads the test split).")
  Path testImages;

  @Option(names = "--test-labels", paramLabel = "Y.npy", description = "Labels of the test set: integer classes"
      + " of --test-images (with ak regress --gram, its 0/1 test labels).")
  Path testLabels;

  /** One set of your own images, with their labels when given. */
  record Own(Images images, int[] labels, Path file, Path labelFile) {
    /** Labels, or an error saying which option gives them. */
    int[] requireLabels(String what) {
      if (labels == null) {
        throw new AkException(file + ": " + what + " needs the images' labels (--labels or --test-labels y.npy)");
      }
      return labels;
    }

  }

  /** True when {@code --images} is given (checks the test set goes with it). */
  boolean given() {
    if (images == null && testImages != null) {
      throw new AkException("--test-images " + testImages + " goes with --images X.npy (the train split)");
    }
    if (images != null && testLabels != null && testImages == null) {
      throw new AkException("--test-labels " + testLabels + " goes with --test-images X.npy");
    }
    return images != null;
  }

  /** Classes of {@code --labels}: the largest label + 1 (at least 2). */
  int classes() {
    if (labels == null) {
      throw new AkException(images + ": --classes all needs the images' labels (--labels y.npy)");
    }
    int[] y = readLabels(labels, Math.toIntExact(Npy.readHeader(images).shape()[0]), images);
    return Math.max(2, Arrays.stream(y).max().orElse(0) + 1);
  }

  /**
   * {@code e} (the importer refusing the images' shape) with the images file named in front, so
   * the message names the model's input shape, the images' and where they come from.
   */
  AkException withFile(AkException e) {
    return e.getMessage().contains("does not match") ? new AkException(images + ": " + e.getMessage(), e) : e;
  }

  /** Refuses {@code --labels} without {@code --images} where labels come only with images. */
  void requireImagesForLabels() {
    if (!given() && labels != null) {
      throw new AkException("--labels " + labels + " goes with --images X.npy (your own images)");
    }
  }

  /** How results name the data: the images file (and its labels). */
  String describe() {
    return images + (labels != null ? " (labels " + labels + ")" : "");
  }

  /** The per-example shape (height, width, channels) of {@code --images}, read from its header. */
  long[] imageShape() {
    long[] s = Npy.readHeader(images).shape();
    if (s.length != 3 && s.length != 4) {
      throw new AkException(images + ": expected images of shape (N, H, W, C) or (N, H, W), got shape "
          + org.afterkernel.io.NpyType.shapeString(s));
    }
    return s.length == 4 ? new long[] {s[1], s[2], s[3]} : new long[] {s[1], s[2], 1};
  }

  /** The set of {@code split}: {@code --images} for train, {@code --test-images} for test. */
  Own load(Split split) {
    if (split == Split.TEST && testImages == null) {
      throw new AkException("--images " + images + " is the train split; the test split needs --test-images X.npy");
    }
    Path x = split == Split.TEST ? testImages : images;
    Path y = split == Split.TEST ? testLabels : labels;
    Images im = ImageNpy.read(x).images();
    long[] shape = imageShape();
    if (im.height() != shape[0] || im.width() != shape[1] || im.channels() != shape[2]) {
      throw new AkException(x + ": images of " + im.height() + "x" + im.width() + "x" + im.channels() + ", --images " + images + " has "
          + shape[0] + "x" + shape[1] + "x" + shape[2] + ": the two sets must have the same image shape");
    }
    return new Own(im, y == null ? null : readLabels(y, im.count(), x), x, y);
  }

  /** Integer labels 0 to {@link #MAX_CLASSES}-1, one per image of {@code imageFile}. */
  static int[] readLabels(Path file, int count, Path imageFile) {
    NpyArray a = Npy.read(file);
    if (a.rank() != 1 && !(a.rank() == 2 && a.dim(1) == 1)) {
      throw new AkException(file + ": expected labels of shape (N,), got " + a.shapeString());
    }
    if (a.dim(0) != count) {
      throw new AkException(file + ": " + a.dim(0) + " labels, but " + imageFile + " holds " + count + " images");
    }
    long[] l;
    try {
      l = a.asLongs();
    } catch (IllegalArgumentException e) {
      throw new AkException(file + ": " + e.getMessage() + " (labels must be integer classes)");
    }
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] < 0 || l[i] >= MAX_CLASSES) {
        throw new AkException(file + ": label " + i + " is " + l[i] + ", expected a class in 0-" + (MAX_CLASSES - 1));
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  /** The binary task {@code pair} of {@code own} (minus class label 0), its first {@code firstN} (0: all). */
  static LabeledImages binary(Own own, ClassPair pair, int firstN) {
    int[] y = own.requireLabels("a binary task");
    int[] keep = java.util.stream.IntStream.range(0, y.length).filter(i -> pair.binaryLabel(y[i]) >= 0).toArray();
    for (int c : new int[] {pair.minus(), pair.plus()}) {
      if (Arrays.stream(y).noneMatch(v -> v == c)) {
        throw new AkException(own.labelFile() + ": no image of class " + c + " (--classes " + pair + ")");
      }
    }
    int n = firstN == 0 ? keep.length : Math.min(firstN, keep.length);
    int[] idx = Arrays.copyOf(keep, n);
    int[] labels = Arrays.stream(idx).map(i -> pair.binaryLabel(y[i])).toArray();
    return new LabeledImages(own.images().select(idx), labels);
  }

  /** Every image of {@code own} with its class (all zeros without labels), its first {@code firstN} (0: all). */
  static LabeledImages all(Own own, int firstN) {
    int n = firstN == 0 ? own.images().count() : Math.min(firstN, own.images().count());
    int[] labels = own.labels() == null ? new int[n] : Arrays.copyOf(own.labels(), n);
    return new LabeledImages(own.images().slice(0, n), labels);
  }
}
