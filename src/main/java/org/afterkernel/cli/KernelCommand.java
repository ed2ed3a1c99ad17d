package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.MultiOutputKernel;
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
 * --cols-split}, computed from streamed blocks of features within a memory budget; for a network
 * of C outputs, {@code --outputs full} writes the full kernel as {@code [n1, n2, C, C]}
 * (neural-tangents' layout) and {@code --outputs trace} its trace over outputs.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Write a Gram matrix K(rows, cols) of the after kernel (ntk) or conjugate kernel as float32 .npy.")
public final class KernelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin ExamplesOptions examples;
  @Mixin FeatureOptions features;
  @Mixin OutputsOptions outputsOption;

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
    LabeledImages rows = examples.loadTask();
    DataOptions d = examples.data();
    LabeledImages cols = colsSplit == null ? rows : d.load(colsSplit, colsFirst);
    if (outputsOption.mode() != null) {
      return multiOutput(o, rows, cols, d);
    }
    long t0 = System.nanoTime();
    try (Model m = model.open(d.imageShape(), d.dataName());
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
      Map<String, Object> record = record(d, rows, cols);
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

  private int multiOutput(PrintWriter o, LabeledImages rows, LabeledImages cols, DataOptions d) {
    if (features.kind() != FeatureKind.NTK) {
      throw new AkException("--outputs is for the tangent kernel (--kind ntk): the conjugate kernel is the same"
          + " for every output");
    }
    MultiOutputKernel.Mode mode = outputsOption.mode();
    Implementation impl = features.implementation(Implementation.STRUCTURED);
    long t0 = System.nanoTime();
    try (OutputModels models = OutputModels.open(model, d.imageShape(), d.dataName(), d.outputs());
        StagedOutputs staged = new StagedOutputs()) {
      int c = models.outputs();
      o.printf(Locale.ROOT, "%s kernel of %d outputs, K(%s, %s) of %,d x %,d examples%n", mode.cliName(), c,
          examples.split(), colsSplit == null ? examples.split() : colsSplit, rows.count(), cols.count());
      List<FeatureMap> maps = models.maps(impl);
      Kernel.Matrices m = MultiOutputKernel.compute(mode, maps, cols.images(),
          colsSplit == null ? null : rows.images(), (long) (memoryBudgetGb * (1L << 30)), Progress.silent());
      DenseMatrix g = colsSplit == null ? m.gram() : m.cross();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long[] shape = mode == MultiOutputKernel.Mode.FULL
          ? new long[] {rows.count(), cols.count(), c, c} : new long[] {g.rows(), g.cols()};
      float[] values = mode == MultiOutputKernel.Mode.FULL ? MultiOutputKernel.toBlocks(g, c) : g.data();
      Npy.writeFloats(staged.file(out), shape, values);
      Map<String, Object> record = record(d, rows, cols);
      record.put("kind", "ntk");
      record.put("outputs", Map.of("mode", mode.cliName(), "count", c, "layout", mode == MultiOutputKernel.Mode.FULL
          ? "[rows, cols, C, C]: entry [i, j, c, c'] = grad f_c(x_i) . grad f_c'(x_j)"
          : "[rows, cols]: sum over c of grad f_c(x_i) . grad f_c(x_j)"));
      record.put("implementation", impl.name().toLowerCase(Locale.ROOT));
      record.put("features", maps.get(0).dimension());
      record.put("seconds", seconds);
      record.put("provenance", Provenance.current());
      Json.write(staged.file(FeaturesCommand.sidecar(out)), record);
      staged.commit();
      o.printf(Locale.ROOT, "wrote %s (%s, %.1f s)%n", out, java.util.Arrays.toString(shape), seconds);
    }
    return 0;
  }

  /** The sidecar's first entries: the model, the task and the two sets of examples. */
  private Map<String, Object> record(DataOptions d, LabeledImages rows, LabeledImages cols) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("model", model.describe(d.imageShape()));
    record.put("dataset", d.dataName());
    record.put("classes", d.describeClasses());
    record.put("rows", Map.of("split", examples.split().toString(), "examples", rows.count()));
    record.put("cols", Map.of("split", (colsSplit == null ? examples.split() : colsSplit).toString(),
        "examples", cols.count()));
    return record;
  }
}
