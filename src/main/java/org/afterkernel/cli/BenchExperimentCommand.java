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
import org.afterkernel.experiment.CellBenchmark;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;
import org.afterkernel.linear.MemoryBandwidth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench experiment}: one experiment cell at the paper's scale (all training images of
 * the pair; every test image for the measures) stage by stage, each against its floor on this
 * machine: the MatMul rate (measured before and after) for floating-point stages, the memory
 * bandwidth of a parallel float sum for the dual SVM iteration.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Time one paper-scale experiment cell stage by stage, each against its floor on this machine.")
public final class BenchExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = "--arch", paramLabel = "PRESET", defaultValue = "mlp",
      description = "The paper's network: vgg, mega-vgg, mlp or sum (default ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--train-examples", paramLabel = "N", defaultValue = "0", description = "First N training images (default 0: all).")
  int trainExamples;

  @Option(names = "--test-examples", paramLabel = "N", defaultValue = "0", description = "First N test images (default 0: all).")
  int testExamples;

  @Option(names = "--svm-iterations", paramLabel = "K", defaultValue = "200",
      description = "Dual iterations timed for the per-iteration cost (default ${DEFAULT-VALUE}).")
  long svmIterations;

  @Option(names = "--converge", description = "Also run the dual SVM to convergence and report when it reached"
      + " 99%% and 99.9%% of the converged margin, with the test error there.")
  boolean converge;

  @Option(names = "--tolerance", defaultValue = "1e-5",
      description = "Relative margin change (since half the iterations) taken as converged (default ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--converge-cap", defaultValue = "200000", description = "Iteration cap of --converge (default ${DEFAULT-VALUE}).")
  long convergeCap;

  // Not picocli's negatable --[no-]baseline: with defaultValue "true" its --no-baseline left the
  // value true (measured: the baseline ran anyway).
  @Option(names = "--no-baseline",
      description = "Skip the before: the materialized features and Gram (on at most 4 GiB of features), timed by"
          + " default.")
  boolean noBaseline;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the network (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--matmul-seconds", defaultValue = "6", description = "Seconds of MatMul timing (default ${DEFAULT-VALUE}).")
  double matmulSeconds;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the stages as JSON.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    ExperimentConfig c = new ConfigMerger().set("preset", arch).set("dataset", data.dataset().cliName())
        .set("minus-class", data.classes().minus()).set("plus-class", data.classes().plus())
        .set("train-examples", trainExamples).set("test-examples", testExamples).build();
    LabeledImages train = Datasets.load(data.dataDir(), data.dataset(), Split.TRAIN, data.classes(), trainExamples);
    LabeledImages test = Datasets.load(data.dataDir(), data.dataset(), Split.TEST, data.classes(), testExamples);
    int all = test.count();
    c = new ConfigMerger().overlay(Json.MAPPER.valueToTree(c), "bench").set("num-translations", all)
        .set("num-zooms", all).set("num-swaps", all).set("num-rotations", all)
        .set("ker-alignment-sample-size", all).build();
    o.printf(Locale.ROOT, "cell: %s on %s %d-vs-%d, %,d training and %,d test images; load average %s%n",
        c.networkSpec().label(), c.dataset(), c.minusClass(), c.plusClass(), train.count(), all,
        BenchSvmFormsCommand.loadAverage());
    o.flush();
    MatMulBracket matmul = MatMulBracket.start(matmulSeconds);
    MemoryBandwidth.Rate bandwidthBefore = MemoryBandwidth.measure(1L << 30, 3);
    CellBenchmark bench = new CellBenchmark(c, train, test, line -> {
      o.println(line);
      o.flush();
    });
    long t0 = System.nanoTime();
    CellBenchmark.Report report = bench.run(new CellBenchmark.Options(!noBaseline, svmIterations, converge, tolerance,
        convergeCap, seed));
    double seconds = (System.nanoTime() - t0) / 1e9;
    matmul.finish();
    MemoryBandwidth.Rate bandwidthAfter = MemoryBandwidth.measure(1L << 30, 3);
    double bandwidth = Math.max(bandwidthBefore.gigabytesPerSecond(), bandwidthAfter.gigabytesPerSecond());
    o.println();
    matmul.print(o, "MatMul reference  ");
    o.printf(Locale.ROOT, "memory bandwidth  %.2f GB/s (median parallel float sum of %.2f GB; before %.2f, after %.2f)%n",
        bandwidth, bandwidthBefore.bytes() / 1e9, bandwidthBefore.gigabytesPerSecond(),
        bandwidthAfter.gigabytesPerSecond());
    o.printf(Locale.ROOT, "%-44s %11s %22s %s%n", "stage", "time", "work", "floor on this machine");
    for (CellBenchmark.Stage st : report.stages()) {
      o.println(st.format(matmul.gflops() * 1e9, bandwidth * 1e9));
    }
    o.printf(Locale.ROOT, "total %.1f s; load average %s%n", seconds, BenchSvmFormsCommand.loadAverage());
    if (out != null) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("config", c);
      record.put("trainExamples", train.count());
      record.put("testExamples", all);
      record.put("matmulGflops", matmul.gflops());
      record.put("bandwidthGbPerSecond", Map.of("before", bandwidthBefore, "after", bandwidthAfter, "reference",
          bandwidth));
      record.put("stages", report.stages().stream().map(st -> Map.of("stage", st, "floorSeconds",
          st.floorSeconds(matmul.gflops() * 1e9, bandwidth * 1e9))).toList());
      record.put("svm", report.svm());
      record.put("seconds", seconds);
      record.put("loadAverage", BenchSvmFormsCommand.loadAverage());
      record.put("provenance", Provenance.current());
      Json.write(out, record);
      o.printf("wrote %s%n", out);
    }
    return 0;
  }
}
