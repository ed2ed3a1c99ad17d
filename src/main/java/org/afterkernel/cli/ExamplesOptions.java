package org.afterkernel.cli;

import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A set of examples: the binary task of {@link DataOptions}, one split, optionally its first N. */
public final class ExamplesOptions {
  @Mixin DataOptions data;

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
      description = "train or test (default ${DEFAULT-VALUE}).")
  Split split;

  @Option(names = "--first", paramLabel = "N", defaultValue = "0",
      description = "Use the first N examples of the split (0 = all).")
  int first;

  /** Loads the examples (fetching the dataset if needed). */
  public LabeledImages load() {
    return Datasets.load(data.dataDir(), data.dataset(), split, data.classes(), first);
  }

  public DataOptions data() {
    return data;
  }

  public Split split() {
    return split;
  }

  /** The examples of the task, binary or (with {@code --classes all}) ten-class. */
  public LabeledImages loadTask() {
    return data.load(split, first);
  }
}
