package org.afterkernel.savedmodel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.NpyArray;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.SavedModelExport;
import org.afterkernel.nn.Weights;

/**
 * Import of a SavedModel exported by {@code ak train} ({@link SavedModelExport}): the exact network
 * is rebuilt from {@code assets.extra/afterkernel-network.json}, and each variable is read from the
 * checkpoint under its graph name (TensorFlow Java's exporter saves variables by op name, and the
 * rebuilt graph names them as the exported one did).
 */
final class OwnExport {
  private OwnExport() {}

  static ImportedModel load(SavedModelFiles files, ImportOptions options) {
    Path specFile = files.assetExtra(SavedModelExport.SPEC_FILE);
    NetworkSpec spec;
    try {
      spec = Json.read(specFile, NetworkSpec.class);
    } catch (RuntimeException e) {
      throw new AkException(specFile + ": not a valid network spec (" + e.getMessage() + ")", e);
    }
    OutputHead head = options.head();
    if (head != null && !(head.kind() == OutputHead.Kind.INDEX && head.first() == 0)
        && head.kind() != OutputHead.Kind.SINGLE) {
      throw new AkException(files.dir() + ": the model has a single output (its logit); "
          + head.describe() + " does not apply");
    }
    if (Boolean.TRUE.equals(options.preSoftmax())) {
      throw new AkException("--pre-softmax: the model " + files.dir() + " has no final softmax (it outputs a logit)");
    }
    long[] images = KerasImporter.imageShape(spec.inputShape(), options.imageShape(), files.dir());
    Model model = Model.of(spec.toSequential(), images);
    try {
      Checkpoint ckpt = new Checkpoint(files.checkpointPrefix());
      List<String> keys = model.parameters().stream().map(p -> p.variable().op().name()).toList();
      Map<String, float[]> values = ckpt.readFloats(keys);
      Map<String, NpyArray> weights = new LinkedHashMap<>();
      for (Parameter p : model.parameters()) {
        float[] v = values.get(p.variable().op().name());
        if (v.length != p.size()) {
          throw new AkException(files.dir() + ": variable '" + p.variable().op().name() + "' has " + v.length
              + " values, the network of " + specFile.getFileName() + " needs " + p.size());
        }
        weights.put(p.name(), NpyArray.ofFloats(p.shape(), v));
      }
      model.setWeights(Weights.of(weights));
      return new ImportedModel(files, model, model.logitsOp(), new long[] {1}, spec.inputShape(),
          Activation.LINEAR, OutputHead.single(),
          "afterkernel export: " + spec.label() + " (from " + SavedModelExport.SPEC_FILE + ")");
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
