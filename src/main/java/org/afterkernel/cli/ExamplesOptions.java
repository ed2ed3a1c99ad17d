package org.afterkernel.cli;

import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A set of examples: the binary task of {@link DataOptions}, one split, optionally its first N; of
 * your own images ({@link ImagesOptions}: {@code --images} for the train split, {@code
 * --test-images} for the test split) when given.
 */
public final class ExamplesOptions {
  @Mixin DataOptions data;
  @Mixin ImagesOptions own;

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
      description = "train or test (default ${DEFAULT-VALUE}).")
  Split split;

  @Option(names = "--first", paramLabel = "N", defaultValue = "0",
      description = "Use the first N examples of the split (0 = all).")
  int first;

  /** Loads the examples of the binary task (fetching the dataset if needed; or of {@code --images}). */
  public LabeledImages load() {
    own.requireImagesForLabels();
    if (data().ownImages()) {
      ImagesOptions.Own set = own.load(split);
      return set.labels() == null ? ImagesOptions.all(set, first) : ImagesOptions.binary(set, data.classes(), first);
    }
    return Datasets.load(data.dataDir(), data.dataset(), split, data.classes(), first);
  }

  /** The task options, reading {@code --images} when given. */
  public DataOptions data() {
    return data.withOwn(own);
  }

  /** The images' (height, width, channels). */
  long[] imageShape() {
    return data().imageShape();
  }

  /** The dataset, or the {@code --images} file. */
  String dataName() {
    return data().dataName();
  }

  public Split split() {
    return split;
  }

  /** The examples of the task, binary or (with {@code --classes all}) ten-class. */
  public LabeledImages loadTask() {
    return data().load(split, first);
  }
}
