package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyFloatWriter;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak features}: after-kernel (gradient) or conjugate features of a split, streamed block by
 * block into a float32 {@code .npy} (never held whole), with a JSON sidecar. The features, the
 * labels and the sidecar appear together or not at all ({@link StagedOutputs}).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Write per-example gradient (ntk) or conjugate features of a split as float32 .npy.")
public final class FeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin ExamplesOptions examples;
  @Mixin FeatureOptions features;

  @Option(names = "--out", paramLabel = "X.npy", required = true, description = "Output features (n x d, float32).")
  Path out;

  @Option(names = "--labels-out", paramLabel = "Y.npy", description = "Also write the 0/1 labels (int64).")
  Path labelsOut;

  @Override
  public Integer call() {
    if (features.implementation(Implementation.BATCHED) == Implementation.STRUCTURED) {
      throw new ParameterException(spec.commandLine(), "--implementation structured gives kernels, not features:"
          + " use batched or reference here (ak kernel takes structured)");
    }
    PrintWriter o = spec.commandLine().getOut();
    if (labelsOut != null) {
      examples.data().requireLabels("--labels-out");
    }
    LabeledImages data = examples.load();
    long t0 = System.nanoTime();
    try (Model m = model.open(examples.imageShape(), examples.dataName());
        StagedOutputs outputs = new StagedOutputs()) {
      FeatureMap map = FeatureMap.of(m, features.kind(), features.implementation(Implementation.BATCHED));
      long d = map.dimension();
      int n = data.count();
      o.printf(Locale.ROOT, "%s features of %,d examples: %,d x %,d float32 (%.2f GB)%n", features.kind().cliName(),
          n, n, d, 4.0 * n * d / 1e9);
      int rowsPerBlock = (int) Math.max(map.batchSize(), (64L << 20) / (4 * d) / map.batchSize() * map.batchSize());
      try (NpyFloatWriter w = new NpyFloatWriter(outputs.file(out), n, d);
          Progress p = Progress.start("features", n, "examples")) {
        float[] block = new float[Math.toIntExact(Math.min(n, rowsPerBlock) * d)];
        for (int from = 0; from < n; from += rowsPerBlock) {
          int to = Math.min(n, from + rowsPerBlock);
          map.compute(data.images(), from, to, block, 0);
          w.write(block, 0, Math.toIntExact((to - from) * d));
          p.step(to - from);
        }
        w.commit();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (labelsOut != null) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
          y[i] = data.labels()[i];
        }
        Npy.writeLongs(outputs.file(labelsOut), new long[] {n}, y);
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("model", model.describe(examples.imageShape()));
      record.put("parameters", m.parameterCount());
      record.put("dataset", examples.dataName());
      record.put("classes", examples.data().classes());
      record.put("split", examples.split().toString().toLowerCase(Locale.ROOT));
      record.put("examples", n);
      record.put("kind", features.kind().cliName());
      record.put("implementation", features.implementation(Implementation.BATCHED).name().toLowerCase(Locale.ROOT));
      record.put("shape", new long[] {n, d});
      record.put("seconds", seconds);
      record.put("examplesPerSecond", n / seconds);
      record.put("provenance", Provenance.current());
      Json.write(outputs.file(sidecar(out)), record);
      outputs.commit();
      o.printf(Locale.ROOT, "wrote %s (%.1f s, %.0f examples/s)%n", out, seconds, n / seconds);
    }
    return 0;
  }

  /** {@code X.npy} -> {@code X.json}. */
  static Path sidecar(Path npy) {
    String name = npy.getFileName().toString();
    String base = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    return npy.resolveSibling(base + ".json");
  }
}
