package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ClassifierAccuracy;
import org.afterkernel.savedmodel.ImportCheck;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.ImportedModel;
import org.afterkernel.savedmodel.KerasImporter;
import org.afterkernel.savedmodel.ReferenceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ak savedmodel check DIR --dataset ...}: the imported graph against the model's own serving
 * signature on real images (largest absolute difference, at most 1e-5 to pass) or, for a {@code
 * .keras} or {@code .h5} file, against an independent float64 forward pass of the file's layers;
 * its per-example gradients against one-example backpropagation and central finite differences;
 * and its classification accuracy on the images (for a file, near chance fails the check).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check an import: run the SavedModel's serving signature and the rebuilt graph on the same"
          + " images and print the largest absolute difference (must be <= 1e-5); for a .keras or .h5"
          + " file, compare with an independent float64 forward pass of the file's layers instead (<= 1e-5"
          + " of max(1, max |output|)); compare the per-example gradients of the logit with one-example"
          + " backpropagation and with central finite differences on a sample of parameters; print the"
          + " classification accuracy on the images (a file's trained classifier near chance fails)."
          + " Exit 1 when a check fails."
    })
public final class SavedModelCheckCommand implements Callable<Integer> {
  /** Largest forward difference accepted. */
  static final double FORWARD_TOLERANCE = 1e-5;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The model: a SavedModel directory, a .keras file or an .h5 file.")
  Path dir;

  @Mixin DatasetOptions data;
  @Mixin ImagesOptions own;
  @Mixin OutputOptions output;
  @Mixin ArchitectureOption architecture;

  @Option(names = "--untrained", description = "The model is not trained: its accuracy near chance is no error.")
  boolean untrained;

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
      description = "train or test, of --dataset (default ${DEFAULT-VALUE}).")
  Split split;

  @Option(names = "--count", paramLabel = "N", defaultValue = "1000",
      description = "Images compared with the serving signature: the first N of the split or of --images; without"
          + " --dataset and --images, N random images of the model's input shape unless it is MNIST's or"
          + " CIFAR-10's (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--gradient-examples", paramLabel = "N", defaultValue = "3",
      description = "Images whose per-example gradients are checked (default ${DEFAULT-VALUE}).")
  int gradientExamples;

  @Option(names = "--per-variable", paramLabel = "N", defaultValue = "6",
      description = "Entries of each variable compared with finite differences (default ${DEFAULT-VALUE}).")
  int perVariable;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the random half of the sampled entries, and of random images (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Override
  public Integer call() {
    if (count < 1 || gradientExamples < 1 || perVariable < 1) {
      throw new AkException("--count, --gradient-examples and --per-variable must be >= 1, got "
          + count + ", " + gradientExamples + ", " + perVariable);
    }
    PrintWriter o = spec.commandLine().getOut();
    CheckInputs inputs = CheckInputs.of(spec, data, own, split, count, seed);
    ImportOptions options = new ImportOptions(output.head(), output.preSoftmax(), inputs.shape(), OutputHead.index(0));
    try (ImportedModel m = inputs.importModel(dir, architecture.architecture(), options)) {
      Images x = inputs.images(m.model().inputShape());
      o.printf("model: %s%n", m.description());
      o.printf(Locale.ROOT, "parameters: %,d; logit: %s%n", m.model().parameterCount(), m.logitDescription());
      boolean file = m.files() == null;
      ImportCheck.Forward f = file ? ReferenceCheck.forward(m, x) : ImportCheck.forward(m, x);
      boolean forwardOk = file ? ReferenceCheck.passes(f) : f.maxAbsDiff() <= FORWARD_TOLERANCE;
      String images = f.images() + " " + inputs.describe() + " images";
      if (file) {
        o.printf(Locale.ROOT, "forward: %s x %d outputs, %s vs imported graph: max |difference| %.3g (max |output|"
                + " %.3g) %s%n", images, f.width(), f.outputKey(), f.maxAbsDiff(), f.maxAbsOutput(),
            forwardOk ? "ok (<= 1e-5 of max(1, max |output|))" : "FAILED (> 1e-5 of max(1, max |output|))");
      } else {
        o.printf(Locale.ROOT, "forward: %s x %d outputs, serving signature ('%s') vs imported graph:"
                + " max |difference| %.3g (max |output| %.3g) %s%n",
            images, f.width(), f.outputKey(), f.maxAbsDiff(), f.maxAbsOutput(),
            forwardOk ? "ok (<= 1e-5)" : "FAILED (> 1e-5)");
      }
      int[] labels = inputs.labels();
      ClassifierAccuracy acc = labels == null ? null
          : ClassifierAccuracy.of(m.model().evaluate(x, m.output(), m.outputWidth()), m.outputWidth(), labels);
      boolean accuracyOk = !file || untrained || acc == null || !acc.nearChance();
      o.println(accuracyLine(acc, labels != null, images, m.outputWidth(), file && !untrained));
      o.flush();
      ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, Math.min(gradientExamples, x.count())),
          perVariable, seed);
      o.printf(Locale.ROOT, "gradients: %d examples x %,d parameters: per-example features vs one-example"
              + " backprop max |difference| %.3g (%.2g of max |gradient| %.3g)%n",
          g.examples(), g.parameters(), g.maxAbsVsBackprop(), g.relativeVsBackprop(), g.maxAbsGradient());
      o.printf(Locale.ROOT, "finite differences: %d (entry, example) pairs, max |feature - difference quotient|"
              + " %.3g (%.2g of max |gradient|) %s%n",
          g.sampled(), g.maxAbsVsFiniteDifference(), g.relativeVsFiniteDifference(),
          g.passes() ? "ok" : "FAILED (backprop > 1e-5 or finite differences > 1e-2 of max |gradient|)");
      writeJson(m, f, g, forwardOk, inputs, acc, accuracyOk);
      boolean ok = forwardOk && g.passes() && accuracyOk;
      o.printf("check: %s%n", ok ? "passed" : "FAILED");
      o.flush();
      if (!ok) {
        throw new AkException(dir + ": check failed (see above)");
      }
    }
    return 0;
  }

  /** The accuracy line: the accuracy, among the classes present, chance, and the verdict when asked. */
  static String accuracyLine(ClassifierAccuracy a, boolean labelled, String images, int outputs, boolean verdict) {
    if (!labelled) {
      return "accuracy: not scored (no labels for these images: give --labels with --images, or a dataset)";
    }
    if (a == null) {
      return "accuracy: not scored (the model's " + outputs + " output" + (outputs == 1 ? " is" : "s are")
          + " not scores of the labels' classes)";
    }
    String s = String.format(Locale.ROOT, "accuracy: %.1f%% of %s (largest of %d outputs)", 100 * a.accuracy(),
        images, a.outputs());
    if (!a.allClassesPresent()) {
      s += String.format(Locale.ROOT, "; among the classes present %s: %.1f%%",
          java.util.Arrays.toString(a.present()), 100 * a.presentAccuracy());
    }
    s += String.format(Locale.ROOT, "; chance (the most frequent class): %.1f%%", 100 * a.chance());
    if (verdict) {
      s += a.nearChance() ? " FAILED: near chance; a trained classifier this close to chance means its weights"
          + " were read wrong (--untrained if it is not trained)" : " ok (above chance)";
    }
    return s;
  }

  private void writeJson(ImportedModel m, ImportCheck.Forward f, ImportCheck.Gradient g, boolean forwardOk,
      CheckInputs inputs, ClassifierAccuracy acc, boolean accuracyOk) {
    if (json == null) {
      return;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("savedModel", dir.toString());
    r.put("model", m.description());
    r.put("format", m.format().label());
    r.put("parameters", m.model().parameterCount());
    r.put("logit", m.logitDescription());
    r.put("images", inputs.describe());
    r.put("forward", f);
    r.put("forwardPasses", forwardOk);
    r.put("gradients", g);
    r.put("gradientsPass", g.passes());
    r.put("accuracy", acc);
    r.put("accuracyPasses", accuracyOk);
    r.put("provenance", Provenance.current());
    Json.write(json, r);
  }
}
