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
      defaultValue = "3,8",
      description =
          "The two classes of the binary task: MINUS gets label 0, PLUS label 1 (default"
              + " ${DEFAULT-VALUE}); 'all' for the ten-class task, where a command takes it.")
  String classes;

  /** True for {@code --classes all}: the ten-class task. */
  public boolean allClasses() {
    return "all".equalsIgnoreCase(classes == null ? "" : classes.trim());
  }

  /**
   * The task's images of {@code split}: the first {@code firstN} (0: all) of the class pair, or of
   * every class with {@code --classes all}.
   */
  public LabeledImages load(Split split, int firstN) {
    return allClasses() ? Datasets.loadSplit(dataDir(), dataset(), split).all(firstN)
        : Datasets.load(dataDir(), dataset(), split, classes(), firstN);
  }

  /** Classes of the task: 10 for {@code --classes all}, else 1 (a binary task's one logit). */
  public int outputs() {
    return allClasses() ? Dataset.CLASSES : 1;
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
    return ClassPair.parse(classes);
  }
}
