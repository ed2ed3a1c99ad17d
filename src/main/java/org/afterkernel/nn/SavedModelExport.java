package org.afterkernel.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.afterkernel.io.Json;
import org.afterkernel.io.StagedOutputs;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * Exports a model as a SavedModel with TensorFlow Java's exporter: an inference graph (no training
 * ops) with the current weights and a {@code serving_default} signature taking {@code images}
 * ({@code [batch, h, w, c]} float32) to {@code logit} ({@code [batch]}) and {@code conjugate}
 * (the conjugate-kernel features). The network's {@link NetworkSpec} goes to {@code
 * assets.extra/afterkernel-network.json}, so the importer can rebuild it exactly. The directory
 * is written beside the target and renamed into place, so a failed export leaves nothing.
 */
public final class SavedModelExport {
  /** Name of the spec file inside {@code assets.extra/}. */
  public static final String SPEC_FILE = "afterkernel-network.json";

  private SavedModelExport() {}

  /** Exports {@code model} (which must have been built from a {@link NetworkSpec}) to {@code dir}. */
  public static void export(Model model, Path dir) {
    NetworkSpec spec = model.spec();
    if (model.whitening() != null) {
      throw new org.afterkernel.AkException("export: a network trained on whitened inputs cannot be exported"
          + " as a SavedModel yet (its whitening would be lost); analyze its model directory instead");
    }
    if (spec == null) {
      throw new IllegalArgumentException("only networks built from a NetworkSpec can be exported");
    }
    try (Model clean = Model.of(spec.toSequential(), spec.inputShape());
        StagedOutputs outputs = new StagedOutputs()) {
      clean.setWeights(model.weights());
      Path staging = outputs.directory(dir);
      Signature.Builder b = Signature.builder().key(Signature.DEFAULT_KEY).input("images", clean.input());
      // One logit per example ("logit", [batch]) for the paper's networks; all C ("logits",
      // [batch, C]) for a C-class network.
      b = clean.outputCount() == 1 ? b.output("logit", clean.logitsOp()) : b.output("logits", clean.outputsOp());
      Signature sig = b.output("conjugate", clean.conjugateOp()).build();
      SavedModelBundle.exporter(staging.toString()).withSession(clean.session()).withSignature(sig).export();
      Json.write(staging.resolve("assets.extra").resolve(SPEC_FILE), spec);
      StagedOutputs.deleteTree(dir); // a SavedModel is replaced whole: no stale variable shards
      outputs.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export SavedModel to " + dir + ": " + e.getMessage(), e);
    }
  }
}
