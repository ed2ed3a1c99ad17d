package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak kernel}: the Gram matrix K(split, split), or K(split, other split) with {@code
 * --cols-split}, computed from streamed blocks of features within a memory budget.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Write a Gram matrix K(rows, cols) of the after kernel (ntk) or conjugate kernel as float32 .npy.")
public final class KernelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin ExamplesOptions examples;
  @Mixin FeatureOptions features;

  @Option(names = "--cols-split", paramLabel = "SPLIT",
      description = "Columns from this split (e.g. --split test --cols-split train gives K(test, train)).")
  Split colsSplit;

  @Option(names = "--cols-first", paramLabel = "N", defaultValue = "0",
      description = "With --cols-split: its first N examples (0 = all).")
  int colsFirst;

  @Option(names = "--memory-budget", paramLabel = "GB", defaultValue = "3",
      description = "Gigabytes of features held at once; larger sets are streamed (default ${DEFAULT-VALUE}).")
  double memoryBudgetGb;

  @Option(names = "--out", paramLabel = "G.npy", required = true, description = "Output Gram matrix (float32).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    LabeledImages rows = examples.load();
    DataOptions d = examples.data();
    LabeledImages cols = colsSplit == null ? rows
        : Datasets.load(d.dataDir(), d.dataset(), colsSplit, d.classes(), colsFirst);
    long t0 = System.nanoTime();
    try (Model m = model.open(d.dataset());
        StagedOutputs outputs = new StagedOutputs()) {
      Kernel k = Kernel.of(FeatureMap.of(m, features.kind(), features.implementation(Implementation.STRUCTURED)))
          .withMemoryBudget((long) (memoryBudgetGb * (1L << 30)));
      Kernel.Plan plan = colsSplit == null ? k.plan(rows.count(), 0) : k.plan(cols.count(), rows.count());
      o.printf(Locale.ROOT, "K(%s, %s) of %,d x %,d examples, %,d features: %s%n", examples.split(),
          colsSplit == null ? examples.split() : colsSplit, rows.count(), cols.count(),
          k.featureMap().dimension(), plan.describe());
      DenseMatrix g;
      try (Progress p = Progress.start("kernel", plan.featureRowsComputed(), "feature rows")) {
        g = colsSplit == null ? k.gram(rows.images(), p) : k.cross(rows.images(), cols.images(), p);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Npy.writeFloats(outputs.file(out), new long[] {g.rows(), g.cols()}, g.data());
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("model", model.describe(d.dataset()));
      record.put("dataset", d.dataset().cliName());
      record.put("classes", d.classes());
      record.put("rows", Map.of("split", examples.split().toString(), "examples", rows.count()));
      record.put("cols", Map.of("split", (colsSplit == null ? examples.split() : colsSplit).toString(),
          "examples", cols.count()));
      record.put("kind", features.kind().cliName());
      record.put("implementation", features.implementation(Implementation.STRUCTURED).name().toLowerCase(Locale.ROOT));
      record.put("features", k.featureMap().dimension());
      record.put("plan", plan);
      record.put("seconds", seconds);
      record.put("provenance", Provenance.current());
      Json.write(outputs.file(FeaturesCommand.sidecar(out)), record);
      outputs.commit();
      o.printf(Locale.ROOT, "wrote %s (%d x %d, %.1f s)%n", out, g.rows(), g.cols(), seconds);
    }
    return 0;
  }
}
