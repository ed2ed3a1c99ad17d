package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Json;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.invariance.InvarianceKind;
import org.afterkernel.invariance.InvarianceMeasures;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak invariance}: the original's invariance measures of a model's kernel on the first N
 * test images. For a trained model directory both are measured: ntk_* with its initial weights and
 * ak_* with its trained weights; for a fresh network, ntk_* only.
 */
@Command(name = "invariance", mixinStandardHelpOptions = true,
    description = "Translation, rotation, zoom and swap invariance (mean cosine of embeddings) of a kernel, as JSON.")
public final class InvarianceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin DataOptions data;

  @Option(names = "--kinds", split = ",", paramLabel = "KIND", defaultValue = "translate,rotate,zoom,swap",
      description = "Measures: translate, rotate, zoom, swap (default ${DEFAULT-VALUE}).")
  List<InvarianceKind> kinds;

  @Option(names = "--first", paramLabel = "N", defaultValue = "0",
      description = "The first N test images (0 = all, as in the paper).")
  int first;

  @Option(names = "--kernel", paramLabel = "KIND", defaultValue = "ntk",
      description = "ntk (gradient features) or conjugate (default ${DEFAULT-VALUE}).")
  FeatureKind kernel;

  @Option(names = "--angle", paramLabel = "RAD", defaultValue = "0.25",
      description = "Rotation angle in radians, measured at + and - (default ${DEFAULT-VALUE}).")
  double angle;

  @Option(names = "--out", paramLabel = "RESULT.json", description = "Also write the result here.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Dataset dataset = data.dataset();
    LabeledImages test = org.afterkernel.data.Datasets.load(data.dataDir(), dataset,
        org.afterkernel.data.Split.TEST, data.classes(), first);
    Map<InvarianceKind, Integer> n = new EnumMap<>(InvarianceKind.class);
    kinds.forEach(k -> n.put(k, test.count()));
    Map<String, Object> values = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    boolean trained = model.modelDir != null && !model.initial;
    if (trained && Files.exists(model.modelDir.resolve(ModelDirectory.INITIAL_WEIGHTS_FILE))) {
      try (Model m = ModelDirectory.open(model.modelDir, ModelDirectory.Stage.INITIAL)) {
        measure(m, test, n, "ntk_", values);
      }
    }
    try (Model m = model.open(dataset)) {
      measure(m, test, n, trained ? "ak_" : "ntk_", values);
    }
    values.forEach((k, v) -> o.printf(Locale.ROOT, "%-16s %.6f%n", k, (Double) v));
    if (out != null) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("model", model.describe(dataset));
      record.put("dataset", dataset.cliName());
      record.put("classes", data.classes());
      record.put("testImages", test.count());
      record.put("kernel", kernel.cliName());
      record.put("rotationAngle", angle);
      record.put("values", values);
      record.put("seconds", (System.nanoTime() - t0) / 1e9);
      record.put("provenance", Provenance.current());
      Json.write(out, record);
    }
    return 0;
  }

  private void measure(Model m, LabeledImages test, Map<InvarianceKind, Integer> n, String prefix,
      Map<String, Object> values) {
    FeatureMap map = FeatureMap.of(m, kernel, Implementation.STRUCTURED);
    long rows = InvarianceMeasures.featureRows(n, angle, test.count());
    try (Progress p = Progress.start(prefix + "invariance", rows, "feature rows")) {
      InvarianceMeasures.measure(map, test.images(), n, angle, p)
          .forEach((kind, v) -> values.put(prefix + kind.measureName(), v));
    }
  }
}
