package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.afterkernel.kernel.FeatureBenchmark;
import org.afterkernel.nn.NetworkSpec;

/** The text that {@code ak bench features} prints: rates, spreads, ratios, floor and stages. */
final class BenchFeaturesReport {
  private final PrintWriter o;
  private final NetworkSpec spec;
  private final FeatureBenchmark.Result r;
  private final int threads;
  private final long macs;
  private final double matmul;
  private final List<FunctorchPeer.Measurement> peers;

  BenchFeaturesReport(PrintWriter o, NetworkSpec spec, FeatureBenchmark.Result r, int threads, long macs,
      double matmul, List<FunctorchPeer.Measurement> peers) {
    this.o = o;
    this.spec = spec;
    this.r = r;
    this.threads = threads;
    this.macs = macs;
    this.matmul = matmul;
    this.peers = peers;
  }

  void print() {
    o.printf(Locale.ROOT, "network            %s, %,d features per example%n", spec.label(), r.features());
    o.printf(Locale.ROOT, "setting            batch %d, %d intra-op threads, %,d examples per pass, %d passes%n",
        r.batchSize(), threads, r.examples(), r.batchedRates().size());
    rates("batched", r.batchedRates());
    rates("batched-patches", r.patchesRates());
    o.printf(Locale.ROOT, "batched/patches    %.2fx (medians)%n", median(r.batchedRates()) / median(r.patchesRates()));
    peer();
    o.printf(Locale.ROOT, "reference          %.1f examples/s; batched/reference %.1fx%n", r.referenceRate(),
        median(r.batchedRates()) / r.referenceRate());
    double flops = 2.0 * macs;
    double floor = matmul * 1e9 / flops;
    o.printf(Locale.ROOT, "floor              %.1f MFLOP per example (forward, input gradients, per-example weight"
        + " gradients) at %.1f GFLOP/s = %.0f examples/s%n", flops / 1e6, matmul, floor);
    o.printf(Locale.ROOT, "batched/floor      %.1f%% (median; best pass %.1f%%)%n",
        100 * median(r.batchedRates()) / floor, 100 * max(r.batchedRates()) / floor);
    stages();
    o.printf(Locale.ROOT, "Gram %,d x %,d      %.2f s, %.1f GFLOP/s (%.3g multiply-adds, upper block triangle)%n",
        r.gramRows(), r.gramRows(), r.gramSeconds(), r.gramGflops(), r.gramMultiplyAdds());
    o.printf(Locale.ROOT, "Gram/MatMul        %.1f%%%n", 100 * r.gramGflops() / matmul);
  }

  private void peer() {
    if (peers.isEmpty()) {
      return;
    }
    if (peers.stream().anyMatch(p -> !p.available())) {
      o.printf(Locale.ROOT, "peer unavailable   %s%n", peers.stream().filter(p -> !p.available())
          .findFirst().orElseThrow().reason());
      return;
    }
    List<Double> rates = new ArrayList<>();
    peers.forEach(p -> rates.addAll(p.rates()));
    var j = peers.get(0).json();
    rates("functorch", rates);
    o.printf(Locale.ROOT, "                   (torch %s, %s vmap(grad), batch %d, %d threads, %d inter-op)%n",
        j.path("torch").asText(), j.path("api").asText(), j.path("batch_size").asInt(), j.path("threads").asInt(),
        j.path("interop_threads").asInt());
    List<String> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(rates.size(), r.batchedRates().size()); i++) {
      ratios.add(String.format(Locale.ROOT, "%.2f", r.batchedRates().get(i) / rates.get(i)));
    }
    o.printf(Locale.ROOT, "batched/functorch  %.2fx (medians; pass by pass %s)%n",
        median(r.batchedRates()) / median(rates), String.join(", ", ratios));
  }

  private void stages() {
    double[] s = r.stageSeconds();
    List<String> names = FeatureBenchmark.Result.stageNames();
    o.printf(Locale.ROOT, "stages             per example, fastest of 3 passes: each stage's own time (cumulative)%n");
    for (int i = 0; i < s.length; i++) {
      double own = s[i] - (i == 0 ? 0 : s[i - 1]);
      o.printf(Locale.ROOT, "  %-27s %7.3f ms  %5.1f%%  (%.3f ms)%n", names.get(i), own * 1e3,
          100 * own / s[s.length - 1], s[i] * 1e3);
    }
  }

  private void rates(String label, List<Double> rates) {
    o.printf(Locale.ROOT, "%-18s %.1f examples/s median (min %.1f, max %.1f; passes %s)%n", label, median(rates),
        rates.stream().mapToDouble(Double::doubleValue).min().orElse(0), max(rates),
        rates.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", ")));
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static double median(List<Double> v) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
