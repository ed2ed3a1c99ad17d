package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.SvmProblem;
import org.afterkernel.io.AtomicFiles;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.TrainingSet;

/**
 * The paper-scale SVM problems of {@code ak bench svm}, made as an experiment cell makes them
 * ({@link SvmProblem}: all training images of the pair, every test image, the script's feature
 * scaling) and kept in a folder so that later runs and the peer script read the same matrices:
 * {@code DIR/<case>-e<epochs>-<kind>/} holds {@code train.npy} (the Gram matrix, or features),
 * {@code test.npy}, {@code train-labels.npy}, {@code test-labels.npy} and {@code problem.json}.
 */
final class SvmBenchProblems {
  /**
   * A network and task of the paper.
   *
   * @param network the settings that choose the network (a preset, or an architecture and its size)
   */
  record Case(String name, Map<String, Object> network, String dataset, int minus, int plus) {}

  /**
   * The three after-kernel problems the exact-SVM issue names, and VGG at the size the paper's
   * text implies ({@code epochs-vgg-100k}: the script's width rule for 1e5 parameters, width 37 on
   * CIFAR-10's three channels, 92,205 parameters): with {@code --kind conjugate --epochs 0} its
   * conjugate features make the barely separable problem (4,736 features, margin near 5.6e-5) that
   * the features path of the exact SVM was built for.
   */
  static final List<Case> CASES = List.of(
      new Case("mlp-mnist-3v8", Map.of("preset", "mlp"), "mnist", 3, 8),
      new Case("vgg-mnist-3v8", Map.of("preset", "vgg"), "mnist", 3, 8),
      new Case("vgg-cifar10", Map.of("preset", "vgg"), "cifar10", 3, 5),
      new Case("vgg100k-cifar10", Map.of("nn-architecture", "VGG", "num-parameters", 100000), "cifar10", 3, 5));

  private SvmBenchProblems() {}

  static Case byName(String name) {
    return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AkException(
        "--cases: unknown case '" + name + "', expected some of " + CASES.stream().map(Case::name).toList()));
  }

  /** A problem read back, with where it lives. */
  record Loaded(Path dir, TrainingSet train, DenseMatrix test, Labels testLabels, JsonNode description) {}

  /** The problem of {@code c} after {@code epochs} epochs (seed 1), made and stored when missing. */
  static Loaded load(Path root, Path dataDir, Case c, int epochs, FeatureKind kind, Progress progress) {
    String name = c.name() + "-e" + epochs + "-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    Path dir = root.resolve(name);
    if (!Files.isRegularFile(dir.resolve("problem.json"))) {
      make(dir, dataDir, c, epochs, kind, progress);
    }
    JsonNode d = Json.readTree(dir.resolve("problem.json"));
    DenseMatrix x = SvmInputs.matrix(dir.resolve("train.npy"), "training data");
    Labels y = SvmInputs.labels(dir.resolve("train-labels.npy"), x.rows(), dir.resolve("train.npy"));
    DenseMatrix t = SvmInputs.matrix(dir.resolve("test.npy"), "test data");
    Labels ty = SvmInputs.labels(dir.resolve("test-labels.npy"), t.rows(), dir.resolve("test.npy"));
    TrainingSet train = d.path("form").asText().equals("dual") ? new TrainingSet.Gram(x, y)
        : new TrainingSet.Features(x, y);
    return new Loaded(dir, train, t, ty, d);
  }

  /** The experiment configuration a cell of the replication tier has for {@code c} (seed 1). */
  static ExperimentConfig config(Case c) {
    ConfigMerger merger = new ConfigMerger();
    new java.util.TreeMap<>(c.network()).forEach(merger::set);
    return merger.set("dataset", c.dataset()).set("minus-class", c.minus()).set("plus-class", c.plus())
        .set("seed", 1).set("svm-solver", "exact").build();
  }

  private static void make(Path dir, Path dataDir, Case c, int epochs, FeatureKind kind, Progress progress) {
    ExperimentConfig config = config(c);
    Dataset dataset = Dataset.fromName(c.dataset());
    ClassPair pair = new ClassPair(c.minus(), c.plus());
    LabeledImages train = Datasets.load(dataDir, dataset, Split.TRAIN, pair, 0);
    LabeledImages test = Datasets.load(dataDir, dataset, Split.TEST, pair, 0);
    long t0 = System.nanoTime();
    SvmProblem p = SvmProblem.of(config, epochs, kind, train, test, progress);
    double seconds = (System.nanoTime() - t0) / 1e9;
    DenseMatrix x = p.train() instanceof TrainingSet.Gram g ? g.k() : ((TrainingSet.Features) p.train()).x();
    try {
      Files.createDirectories(dir.getParent() == null ? Path.of(".") : dir.getParent());
      Path staging = Files.createTempDirectory(dir.getParent() == null ? Path.of(".") : dir.getParent(),
          "." + dir.getFileName() + ".");
      Npy.writeFloats(staging.resolve("train.npy"), new long[] {x.rows(), x.cols()}, x.data());
      Npy.writeFloats(staging.resolve("test.npy"), new long[] {p.test().rows(), p.test().cols()}, p.test().data());
      Npy.writeLongs(staging.resolve("train-labels.npy"), new long[] {x.rows()}, values(p.train().labels()));
      Npy.writeLongs(staging.resolve("test-labels.npy"), new long[] {p.testLabels().size()}, values(p.testLabels()));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("case", c);
      doc.put("epochs", epochs);
      doc.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
      doc.put("form", p.train().form());
      doc.put("trainExamples", x.rows());
      doc.put("testExamples", p.test().rows());
      doc.put("parameters", p.parameters());
      doc.put("secondsToMake", seconds);
      doc.put("config", config);
      doc.put("provenance", Provenance.current());
      Json.write(staging.resolve("problem.json"), doc);
      AtomicFiles.move(staging, dir);
    } catch (IOException e) {
      throw new AkException("cannot write the problem folder " + dir + ": " + e.getMessage());
    }
  }

  private static long[] values(Labels labels) {
    long[] v = new long[labels.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = labels.get(i);
    }
    return v;
  }
}
