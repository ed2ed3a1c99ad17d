package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.afterkernel.io.Json;

/** Results lines written by hand for the paired-comparison tests: an MLP sweep over epochs. */
public final class PairedLines {
  private PairedLines() {}

  /**
   * A done line of run {@code run}, class pair {@code minus}-vs-8, {@code epochs} epochs, with the
   * given after-kernel SVM and network test errors, computed with {@code threads} threads.
   */
  public static ObjectNode line(int run, int minus, int epochs, double linearError, double nnError, int threads) {
    ObjectNode settings = Json.MAPPER.createObjectNode().put("preset", "mlp").put("minus-class", minus)
        .put("plus-class", 8).put("max-num-epochs", epochs);
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("schema", CellLine.SCHEMA);
    n.put("sweep", "paired-test");
    n.put("sweepHash", "0123456789abcdef");
    n.put("cell", SweepPlan.canonical(settings) + "#" + run);
    n.set("settings", settings);
    n.put("run", run);
    n.put("epochs", epochs);
    n.put("threads", threads);
    n.put("status", "done");
    n.set("config", settings.deepCopy().put("seed", 1 + run));
    n.set("values", Json.MAPPER.createObjectNode().put("linear_error", linearError).put("nn_error_correct", nnError)
        .put("margin", 0.01));
    n.set("svm", Json.MAPPER.createObjectNode().put("solver", "jst1").put("testError", linearError));
    return n;
  }

  /** {@link #line} at one thread. */
  public static ObjectNode line(int run, int minus, int epochs, double linearError, double nnError) {
    return line(run, minus, epochs, linearError, nnError, 1);
  }
}
