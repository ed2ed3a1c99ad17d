package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.DataDir;
import org.afterkernel.io.Json;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.linear.ExactSvm;
import org.afterkernel.linear.Jst1;
import org.afterkernel.linear.MaxMarginSolver;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.StopReason;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.SvmEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak bench svm}: the solvers on the paper-scale after-kernel problems ({@link
 * SvmBenchProblems}), each against references measured in the same run: the exact solver; JST1 to
 * 99% of the exact margin; JST1 at the replication tier's stop (margin within 1e-2 since half the
 * iterations, at most 20,000); and optionally scikit-learn's {@code SVC(kernel='precomputed',
 * C=1e10)} (LIBSVM's SMO, with a bias) on the same matrices through {@code tools/peer/sklearn_svm.py}.
 */
@Command(name = "svm", mixinStandardHelpOptions = true,
    description = {"The exact hard-margin SVM against JST1 (to 99%% of its margin, and at the replication tier's"
        + " stop) and optionally scikit-learn's SVC on the paper-scale after-kernel Gram matrices (MLP and VGG on"
        + " MNIST 3-vs-8, VGG on CIFAR-10 cat-vs-dog; epoch 0 and trained), made once into --problems."})
public final class BenchSvmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Option(names = "--problems", paramLabel = "DIR", defaultValue = "target/bench-svm",
      description = "Where the problems are kept, made when missing (default ${DEFAULT-VALUE}).")
  Path problems;

  @Option(names = "--cases", split = ",", paramLabel = "CASE", defaultValue = "mlp-mnist-3v8,vgg-mnist-3v8,vgg-cifar10",
      description = "Problems (default ${DEFAULT-VALUE}).")
  List<String> cases;

  @Option(names = "--epochs", split = ",", paramLabel = "E", defaultValue = "0,10",
      description = "Training epochs of each problem's network, seed 1 (default ${DEFAULT-VALUE}).")
  List<Integer> epochs;

  @Option(names = "--kind", defaultValue = "ntk", paramLabel = "KIND", description = "ntk (the after kernel) or conjugate (default ${DEFAULT-VALUE}).")
  String kind;

  @Option(names = "--jst1", defaultValue = "all", paramLabel = "WHICH",
      description = "JST1 references: all (to 99%% of the exact margin, and the tier's stop), tier, or none (default ${DEFAULT-VALUE}).")
  String jst1;

  @Option(names = "--jst1-budget", defaultValue = "1800", paramLabel = "S",
      description = "Seconds JST1 may take to reach 99%% of the exact margin before it is reported as not reached (default ${DEFAULT-VALUE}).")
  double jst1Budget;

  @Option(names = "--peer", defaultValue = "none", paramLabel = "none|sklearn",
      description = "Also time scikit-learn's SVC(kernel='precomputed', C=1e10) on the same matrices (default ${DEFAULT-VALUE}).")
  String peer;

  @Option(names = "--peer-python", paramLabel = "PYTHON", description = "Python for the peer (default: $AK_PEER_PYTHON, else python3, else /usr/bin/python3).")
  String peerPython;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the measurements as JSON.")
  Path out;

  @Override
  public Integer call() {
    if (!List.of("all", "tier", "none").contains(jst1)) {
      throw new ParameterException(spec.commandLine(), "--jst1 is '" + jst1 + "', expected all, tier or none");
    }
    if (!List.of("none", "sklearn").contains(peer)) {
      throw new ParameterException(spec.commandLine(), "--peer is '" + peer + "', expected none or sklearn");
    }
    if (!(jst1Budget > 0 && jst1Budget < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(spec.commandLine(), "--jst1-budget: expected seconds > 0, got " + jst1Budget);
    }
    for (int e : epochs) {
      if (e < 0) {
        throw new ParameterException(spec.commandLine(), "--epochs: expected numbers >= 0, got " + e);
      }
    }
    FeatureKind k = switch (kind) {
      case "ntk" -> FeatureKind.NTK;
      case "conjugate" -> FeatureKind.CONJUGATE;
      default -> throw new ParameterException(spec.commandLine(), "--kind is '" + kind + "', expected ntk or conjugate");
    };
    List<SvmBenchProblems.Case> chosen = cases.stream().map(SvmBenchProblems::byName).toList();
    PeerScript sklearn = peer.equals("sklearn") ? PeerScript.locate("tools/peer/sklearn_svm.py", null, peerPython) : null;
    PrintWriter o = spec.commandLine().getOut();
    // TensorFlow's natives load on first use (seconds): load them before anything is timed.
    org.afterkernel.tf.CholeskyFactor.of(new double[] {1}, 1);
    o.printf(Locale.ROOT, "load average %s at the start%n", BenchSvmFormsCommand.loadAverage());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SvmBenchProblems.Case c : chosen) {
      for (int e : epochs) {
        SvmBenchProblems.Loaded p;
        try (Progress progress = Progress.start("problem " + c.name() + " epoch " + e, 0, "")) {
          p = SvmBenchProblems.load(problems, DataDir.resolve(dataDir), c, e, k, progress);
        }
        rows.add(measure(o, c, e, p, sklearn));
      }
    }
    o.printf(Locale.ROOT, "load average %s at the end%n", BenchSvmFormsCommand.loadAverage());
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("problems", rows);
      doc.put("provenance", Provenance.current());
      Json.write(out, doc);
      o.printf("wrote %s%n", out);
    }
    return 0;
  }

  private Map<String, Object> measure(PrintWriter o, SvmBenchProblems.Case c, int e, SvmBenchProblems.Loaded p,
      PeerScript sklearn) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", c.name());
    row.put("epochs", e);
    row.put("n", p.train().size());
    row.put("form", p.train().form());
    o.printf(Locale.ROOT, "%n%s, epoch %d: n = %,d (%s form), %,d test examples (%s)%n", c.name(), e, p.train().size(),
        p.train().form(), p.test().rows(), p.dir());
    o.flush();
    SvmEvaluation exact = run(o, "exact", new ExactSvm(), StopRule.kkt(StopRule.DEFAULT_KKT_TOLERANCE,
        ExactSvm.DEFAULT_ROUNDS), p);
    row.put("exact", exact);
    double target = 0.99 * exact.trainingMargin();
    if (jst1.equals("all") && exact.trainingMargin() > 0) {
      SvmEvaluation j = run(o, "JST1 to 99% of the exact margin", new Jst1(),
          StopRule.marginAtLeast(target, Long.MAX_VALUE - 1).withTimeLimit(jst1Budget), p);
      row.put("jst1To99", j);
      o.printf(Locale.ROOT, "  ratio          JST1 to 99%% / exact = %s%n",
          j.stopReason() == StopReason.TARGET_MARGIN ? ratio(j.seconds() / exact.seconds())
              : String.format(Locale.ROOT, "> %s (not reached in %.0f s: %.2f%% of the margin)",
                  ratio(j.seconds() / exact.seconds()), j.seconds(), 100 * j.trainingMargin() / exact.trainingMargin()));
    }
    if (!jst1.equals("none")) {
      SvmEvaluation j = run(o, "JST1 at the tier's stop (1e-2, cap 20,000)", new Jst1(),
          StopRule.converged(1e-2, StopRule.DEFAULT_WINDOW, 20_000), p);
      row.put("jst1Tier", j);
      o.printf(Locale.ROOT, "  ratio          JST1 tier / exact = %s; its margin %.2f%% of the exact, test error %.4f vs %.4f%n",
          ratio(j.seconds() / exact.seconds()), 100 * j.trainingMargin() / exact.trainingMargin(), j.testError(),
          exact.testError());
    }
    if (sklearn != null) {
      JsonNode peer = p.train().form().equals("dual") ? sklearn.run(List.of("--problem", p.dir().toString()), 120)
          : PeerScript.unavailable("the problem is in the primal form (features): the peer takes Gram matrices");
      row.put("sklearn", peer);
      if (peer.path("available").asBoolean(false)) {
        double fit = peer.path("fitSeconds").asDouble();
        o.printf(Locale.ROOT, "  sklearn SVC    %.3f s fit (+%.2f s to float64), %,d SMO steps, %,d SVs, test error %.4f"
                + " (with a bias %.3g)%n", fit, peer.path("convertSeconds").asDouble(), peer.path("iterations").asLong(),
            peer.path("supportVectors").asLong(), peer.path("testError").asDouble(), peer.path("intercept").asDouble());
        o.printf(Locale.ROOT, "  ratio          sklearn fit / exact = %.2fx%n", fit / exact.seconds());
      } else {
        o.printf("  sklearn SVC    unavailable: %s%n", peer.path("reason").asText());
      }
    }
    o.flush();
    return row;
  }

  /** A time ratio: two decimals below 10 (a JST1 budget shorter than the exact solve), whole above. */
  static String ratio(double r) {
    return String.format(Locale.ROOT, r < 10 ? "%.2fx" : "%.0fx", r);
  }

  private static SvmEvaluation run(PrintWriter o, String label, MaxMarginSolver solver, StopRule rule,
      SvmBenchProblems.Loaded p) {
    Solution s;
    try (Progress progress = Progress.start(label, 0, "it")) {
      s = solver.fit(p.train(), rule, progress);
    } catch (IllegalArgumentException e) {
      throw new AkException(p.dir() + ": " + e.getMessage());
    }
    SvmEvaluation ev = SvmEvaluation.of(s, p.test(), p.testLabels());
    o.printf(Locale.ROOT, "  %-14s %.3f s, %s after %,d iterations: margin %.8g, test error %.4f; %s%n",
        solver.name(), ev.seconds(), ev.stopReason().name().toLowerCase(Locale.ROOT), ev.iterations(),
        ev.trainingMargin(), ev.testError(), ev.certificate().describe());
    o.flush();
    return ev;
  }
}
