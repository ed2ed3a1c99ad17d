package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that works on a task: {@code --data-dir}, {@code --dataset}
 * (default mnist) and {@code --classes MINUS,PLUS} (default 3,8, the original script's). A picocli
 * mixin: {@code @Mixin DataOptions data;}.
 *
 * <p>{@code --classes} is parsed when {@link #classes()} is called, so a bad pair is reported like
 * other bad input (one line, exit 1) rather than as a usage error.
 */
public final class DataOptions {
  @Mixin DatasetOptions dataset;

  @Option(
      names = "--classes",
      paramLabel = "MINUS,PLUS|all",
      description =
          "The two classes of the binary task: MINUS gets label 0, PLUS label 1 (default 3,8; with"
              + " --images, 0,1); 'all' for the ten-class task (with --images, every class of --labels),"
              + " where a command takes it.")
  String classes;

  /** Your own images instead of the dataset, when the command takes them and they are given. */
  ImagesOptions own;

  /** Makes the command read {@code images} when {@code --images} is given (else the dataset). */
  DataOptions withOwn(ImagesOptions images) {
    this.own = images;
    return this;
  }

  /** True when the data is your own {@code --images}. */
  boolean ownImages() {
    return own != null && own.given();
  }

  /** True for {@code --classes all}: the ten-class task. */
  public boolean allClasses() {
    return "all".equalsIgnoreCase(classes == null ? "" : classes.trim());
  }

  /**
   * The task's images of {@code split}: the first {@code firstN} (0: all) of the class pair, or of
   * every class with {@code --classes all}; of your own {@code --images} when given.
   */
  public LabeledImages load(Split split, int firstN) {
    if (own != null) {
      own.requireImagesForLabels();
    }
    if (ownImages()) { // without --labels: every image, labels 0 (for commands that use none)
      ImagesOptions.Own set = own.load(split);
      return allClasses() || set.labels() == null ? ImagesOptions.all(set, firstN)
          : ImagesOptions.binary(set, classes(), firstN);
    }
    return allClasses() ? Datasets.loadSplit(dataDir(), dataset(), split).all(firstN)
        : Datasets.load(dataDir(), dataset(), split, classes(), firstN);
  }

  /**
   * Classes of the task: 10 for {@code --classes all} (with {@code --images}, the largest label of
   * {@code --labels} + 1), else 1 (a binary task's one logit).
   */
  public int outputs() {
    if (allClasses() && ownImages()) {
      return own.classes();
    }
    return allClasses() ? Dataset.CLASSES : 1;
  }

  /**
   * Requires labels: a dataset has them; your own {@code --images} need {@code --labels}.
   *
   * @throws org.afterkernel.AkException naming the images and {@code what} needs them
   */
  void requireLabels(String what) {
    if (ownImages() && own.labels == null) {
      throw new org.afterkernel.AkException(own.images + ": " + what + " needs the images' labels (--labels y.npy)");
    }
  }

  /** The per-example image shape (height, width, channels): the dataset's, or {@code --images}'s. */
  long[] imageShape() {
    return ownImages() ? own.imageShape() : new long[] {dataset().height(), dataset().width(), dataset().channels()};
  }

  /** How messages and results name the data: the dataset, or the {@code --images} file. */
  String dataName() {
    return ownImages() ? own.describe() : dataset().cliName();
  }

  /** {@code 3,8} or {@code all}, for results. */
  public String describeClasses() {
    return allClasses() ? "all" : classes().toString();
  }

  /** The data directory: {@code --data-dir}, else {@code $AK_DATA_DIR}, else the cache. */
  public Path dataDir() {
    return dataset.dataDir();
  }

  /** The dataset of {@code --dataset}. */
  public Dataset dataset() {
    return dataset.dataset();
  }

  /**
   * The class pair of {@code --classes}.
   *
   * @throws org.afterkernel.AkException when it is not two distinct classes in 0–9
   */
  public ClassPair classes() {
    if (allClasses()) {
      throw new org.afterkernel.AkException("--classes all: this command takes a binary task, expected two classes"
          + " MINUS,PLUS such as 3,8");
    }
    return classes != null ? ClassPair.parse(classes) : ownImages() ? new ClassPair(0, 1) : ClassPair.DEFAULT;
  }
}
