package org.afterkernel.savedmodel;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code ak savedmodel inspect} prints for a Keras file ({@code .keras}, legacy {@code .h5},
 * weights-only {@code .h5} with its architecture): the format found and the Keras version that
 * wrote it, the layers with their configs, the weights read for them (with their HDF5 paths), the
 * parameter count, and whether (and as what) the model imports.
 */
final class FileInspection {
  private FileInspection() {}

  static void print(Path path, Path architecture, PrintWriter out) {
    KerasDescription d = KerasFile.read(path, architecture);
    out.printf("Keras file %s%n", path);
    out.printf("format: %s%n", d.format().label());
    out.printf("written by: %s%n", d.versions().isEmpty() ? "? (no keras_version recorded)" : d.versions());
    out.printf("layer configs from: %s%n", d.configSource());
    KerasModelConfig cfg = d.config();
    out.printf("model: %s '%s', input '%s' %s, output '%s'%n", cfg.modelClass(), cfg.modelName(), cfg.inputName(),
        cfg.inputShape() == null ? "(shape not in config)" : KerasImporter.shapeText(cfg.inputShape()),
        cfg.outputName());
    Inspection.printLayers(cfg, out);
    if (d.variables() instanceof FileVariables vars) {
      try {
        List<FileVariables.Entry> entries = vars.entries();
        vars.trainable(); // reports weights that could not be matched to the layers
        out.printf("weights (%d):%n", entries.size());
        long total = 0;
        for (FileVariables.Entry e : entries) {
          long n = e.value().size();
          out.printf("  %-40s %-18s %,12d  %s%s%n", e.layer() + "/" + e.weight(), Arrays.toString(e.value().shape()),
              n, e.path(), e.trainable() ? "" : " (not trainable)");
          total += e.trainable() ? n : 0;
        }
        out.printf("parameters: %,d%n", total);
      } catch (org.afterkernel.AkException e) {
        out.printf("weights: %s%n", e.getMessage());
      }
    }
    Inspection.printImport(path, architecture, out);
  }
}
