package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.kernel.KernelStats;
import org.afterkernel.kernel.MultiOutputKernel;
import org.afterkernel.linear.ClassRegression;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak kernel-stats}: alignment of the after kernel with its conjugate projection, effective
 * ranks and kernel-target alignments, on a model's examples or on Gram matrices from files.
 */
@Command(name = "kernel-stats", mixinStandardHelpOptions = true,
    description = "Kernel alignment (after kernel vs conjugate), effective rank and kernel-target alignment, as JSON.")
public final class KernelStatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin ExamplesOptions examples;
  @Mixin OutputsOptions outputsOption;

  @Option(names = "--gram", paramLabel = "G.npy",
      description = "Instead of a model: statistics of this Gram matrix (effective rank; target alignment with --labels).")
  Path gram;

  @Option(names = "--gram2", paramLabel = "H.npy", description = "With --gram: a second Gram matrix to align with.")
  Path gram2;

  @Option(names = "--out", paramLabel = "STATS.json", description = "Also write the statistics here.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Map<String, Object> stats = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    Path labels = examples.own.labels;
    if (gram == null) {
      examples.data().requireLabels("kernel-stats (target alignment)");
    }
    if (gram != null) {
      DenseMatrix g = GramFiles.gram(gram);
      stats.put("gram", gram.toString());
      stats.put("effectiveRank", KernelStats.effectiveRank(g));
      if (gram2 != null) {
        DenseMatrix h = GramFiles.gram(gram2);
        if (h.rows() != g.rows()) {
          throw new AkException(gram2 + ": " + h.rows() + " x " + h.cols() + ", but " + gram + " is " + g.rows() + " x "
              + g.cols() + " (expected Gram matrices of the same examples)");
        }
        stats.put("alignment", KernelStats.alignment(g, h));
      }
      if (labels != null) {
        stats.put("targetAlignment", KernelStats.targetAlignment(g, labelsOf(labels, g.rows())));
      }
    } else if (outputsOption.mode() != null) {
      multiOutput(stats);
    } else {
      LabeledImages data = examples.load();
      try (Model m = model.open(examples.imageShape(), examples.dataName());
          Progress p = Progress.start("kernel-stats", 2L * data.count(), "feature rows")) {
        DenseMatrix ntk = Kernel.of(FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED)).gram(data.images(), p);
        DenseMatrix conj = Kernel.of(FeatureMap.of(m, FeatureKind.CONJUGATE, Implementation.BATCHED))
            .gram(data.images(), p);
        stats.put("model", model.describe(examples.imageShape()));
        stats.put("examples", data.count());
        stats.put("alignment", KernelStats.alignment(ntk, conj));
        stats.put("effectiveRankNtk", KernelStats.effectiveRank(ntk));
        stats.put("effectiveRankConjugate", KernelStats.effectiveRank(conj));
        stats.put("targetAlignmentNtk", KernelStats.targetAlignment(ntk, data.labels()));
        stats.put("targetAlignmentConjugate", KernelStats.targetAlignment(conj, data.labels()));
      }
    }
    stats.put("seconds", (System.nanoTime() - t0) / 1e9);
    stats.forEach((k, v) -> o.printf(Locale.ROOT, "%-26s %s%n", k, v));
    if (out != null) {
      Map<String, Object> record = new LinkedHashMap<>(stats);
      record.put("provenance", Provenance.current());
      Json.write(out, record);
    }
    return 0;
  }

  /**
   * The statistics of a C-output network's full or traced tangent kernel: effective rank, target
   * alignment with the one-hot targets and (trace) alignment with the conjugate kernel.
   */
  private void multiOutput(Map<String, Object> stats) {
    LabeledImages data = examples.loadTask();
    MultiOutputKernel.Mode mode = outputsOption.mode();
    DataOptions d = examples.data();
    try (OutputModels models = OutputModels.open(model, d.imageShape(), d.dataName(), d.outputs())) {
      int c = models.outputs();
      DenseMatrix ntk = MultiOutputKernel.compute(mode, models.maps(Implementation.STRUCTURED), data.images(), null,
          Kernel.DEFAULT_MEMORY_BUDGET, Progress.silent()).gram();
      stats.put("model", model.describe(d.imageShape()));
      stats.put("examples", data.count());
      stats.put("outputs", Map.of("mode", mode.cliName(), "count", c));
      stats.put("effectiveRankNtk", KernelStats.effectiveRank(ntk));
      boolean classes = d.allClasses();
      if (mode == MultiOutputKernel.Mode.FULL) {
        if (classes) {
          stats.put("targetAlignmentNtk", KernelStats.targetAlignment(ntk, ClassRegression.oneHot(data.labels(), c)));
        }
      } else {
        DenseMatrix conj = Kernel.of(FeatureMap.of(models.first(), FeatureKind.CONJUGATE, Implementation.BATCHED))
            .gram(data.images(), Progress.silent());
        stats.put("alignment", KernelStats.alignment(ntk, conj));
        stats.put("effectiveRankConjugate", KernelStats.effectiveRank(conj));
        stats.put("targetAlignmentNtk", classes ? KernelStats.classTargetAlignment(ntk, data.labels())
            : KernelStats.targetAlignment(ntk, data.labels()));
        stats.put("targetAlignmentConjugate", classes ? KernelStats.classTargetAlignment(conj, data.labels())
            : KernelStats.targetAlignment(conj, data.labels()));
      }
    }
  }

  private static int[] labelsOf(Path file, int n) {
    NpyArray a = Npy.read(file);
    if (a.rank() != 1 || a.dim(0) != n) {
      throw new AkException(file + ": expected " + n + " labels, got shape " + a.shapeString());
    }
    long[] v;
    try {
      v = a.asLongs();
    } catch (IllegalArgumentException e) {
      throw new AkException(file + ": " + e.getMessage());
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      if (v[i] != 0 && v[i] != 1) {
        throw new AkException(file + ": label " + i + " is " + v[i] + ", expected 0 or 1");
      }
      y[i] = (int) v[i];
    }
    return y;
  }
}
