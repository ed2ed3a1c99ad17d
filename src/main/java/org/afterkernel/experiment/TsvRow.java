package org.afterkernel.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original script's results line: 38 tab-separated fields — max_num_epochs,
 * use_augmentation, use_conjugate_kernel, then mean and half-width of the 15 measures in {@link
 * Measure} order (empty when not measured, half-widths empty for one run), the parameter count,
 * the architecture, the SVM solver and its time limit (empty without a linear model) and the
 * learning rate ({@code None} when not set). Values are printed as Python prints them.
 */
public final class TsvRow {
  /** Fields in a row. */
  public static final int FIELDS = 38;

  private TsvRow() {}

  /** The row's fields. */
  public static List<String> fields(ExperimentConfig c, Map<String, Statistics> summary, long parameters) {
    List<String> f = new ArrayList<>();
    f.add(Integer.toString(c.maxNumEpochs()));
    f.add(PythonFormat.of(c.useAugmentation()));
    f.add(PythonFormat.of(c.useConjugateKernel()));
    for (Measure m : Measure.values()) {
      if (!m.inOriginalRow()) {
        continue;
      }
      Statistics s = summary.get(m.key());
      f.add(s == null ? "" : PythonFormat.of(s.mean()));
      f.add(s == null || s.halfWidth() == null ? "" : PythonFormat.of(s.halfWidth()));
    }
    f.add(Long.toString(parameters));
    f.add(c.architectureName());
    f.add(c.trainLinearModel() ? c.svmSolver() : "");
    f.add(c.trainLinearModel() ? PythonFormat.of(c.svmTimeLimit()) : "");
    f.add(PythonFormat.of(c.learningRate()));
    if (f.size() != FIELDS) {
      throw new IllegalStateException("TSV row has " + f.size() + " fields, expected " + FIELDS);
    }
    return f;
  }

  /** The row as the script writes it (no trailing newline). */
  public static String format(ExperimentConfig c, Map<String, Statistics> summary, long parameters) {
    return String.join("\t", fields(c, summary, parameters));
  }
}
