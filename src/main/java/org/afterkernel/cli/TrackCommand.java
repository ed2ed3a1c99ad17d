package org.afterkernel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.DataDir;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Provenance;
import org.afterkernel.track.FinalComparison;
import org.afterkernel.track.TrackConfig;
import org.afterkernel.track.TrackSchedule;
import org.afterkernel.track.Tracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ak track}: trains a network and records its tangent kernel on a probe set of training
 * images at about 60 log-spaced steps (or every N), then compares each record with the final
 * kernel. A {@code --config} file gives every setting (keys of {@link TrackConfig}); options given
 * on the command line override it. Interrupted, it resumes in the same {@code --out}.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
    description = {"Train a network and record its tangent kernel's trajectory on a probe set: loss, ||K_t||,"
        + " effective rank, kernel-target alignment, change per record, then alignment and top-k eigenvector"
        + " overlap with the final kernel. One JSON line per record in DIR/records.jsonl; resumable."})
public final class TrackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "A track config (JSON, keys as the options).")
  Path config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the records.")
  Path out;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory holding mnist/ and cifar10/ (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Option(names = "--dataset", paramLabel = "NAME", description = "mnist (default) or cifar10.")
  String dataset;

  @Option(names = "--classes", paramLabel = "MINUS,PLUS", description = "The binary task (default 3,8).")
  String classes;

  @Option(names = "--train-examples", paramLabel = "P", description = "Train on the first P images (default 1000; 0: all).")
  Integer trainExamples;

  @Option(names = "--probe", paramLabel = "N", description = "Record the kernel on the first N training images (default 1000).")
  Integer probe;

  @Option(names = "--test-examples", paramLabel = "N", description = "Also record loss and error on N test images (default 0).")
  Integer testExamples;

  @Option(names = "--arch", paramLabel = "NAME", description = "vgg, mega-vgg, mlp (default) or sum.")
  String arch;

  @Option(names = "--width", paramLabel = "N", description = "Hidden units / first-block channels.")
  Integer width;

  @Option(names = "--hidden", split = ",", paramLabel = "W", description = "MLP hidden widths, e.g. 500 or 512,256.")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "NAME", description = "relu (default), tanh or linear.")
  String activation;

  @Option(names = "--no-bias", description = "No biases (a homogeneous network).")
  boolean noBias;

  @Option(names = "--init-scale", paramLabel = "S", description = "Initial weights times S (default 1).")
  Double initScale;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 10).")
  Integer epochs;

  @Option(names = "--lr", paramLabel = "RATE", description = "SGD learning rate (default 0.01).")
  Double learningRate;

  @Option(names = "--batch-size", paramLabel = "N|full", description = "Minibatch size or full (default 32).")
  String batchSize;

  @Option(names = "--loss", paramLabel = "LOSS", description = "bce (default) or mse (targets +-1).")
  String loss;

  @Option(names = "--whiten", paramLabel = "zca[:EPS]", description = "ZCA-whiten the inputs (EPS default 1e-3).")
  String whiten;

  @Option(names = "--seed", paramLabel = "N", description = "Seed (default 1).")
  Long seed;

  @Option(names = "--records", paramLabel = "N", description = "About N log-spaced records (default 60).")
  Integer records;

  @Option(names = "--every", paramLabel = "N", description = "Record every N steps instead.")
  Integer every;

  @Option(names = "--top-k", paramLabel = "K", description = "Eigenvectors compared with the final kernel's (default 10).")
  Integer topK;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    TrackConfig c = resolve();
    TrainCommand.checkWritable(out);
    Path data = DataDir.resolve(dataDir);
    LabeledImages train = Datasets.load(data, c.datasetValue(), Split.TRAIN, c.classes(), c.trainExamples());
    if (train.count() < c.probeExamples()) {
      throw new AkException("probe-examples is " + c.probeExamples() + ", but the task has only " + train.count()
          + " training images");
    }
    LabeledImages test = c.testExamples() == 0 ? null
        : Datasets.load(data, c.datasetValue(), Split.TEST, c.classes(), c.testExamples());
    o.printf("%s on %,d training images of %s %s; kernel on %,d of them%n", c.networkSpec().label(), train.count(),
        c.dataset(), c.classes(), c.probeExamples());
    o.flush();
    long t0 = System.nanoTime();
    Tracker tracker = new Tracker(c, train, test, out, line -> {
      o.println(line);
      o.flush();
    });
    TrackSchedule schedule = tracker.run(false);
    List<ObjectNode> lines = FinalComparison.apply(out, c.topK());
    ObjectNode summary = Json.MAPPER.createObjectNode();
    summary.put("schema", "afterkernel.track/1");
    summary.set("config", Json.MAPPER.valueToTree(c));
    summary.set("network", Json.MAPPER.valueToTree(c.networkSpec()));
    summary.put("records", schedule.size());
    summary.put("steps", schedule.last());
    summary.put("seconds", (System.nanoTime() - t0) / 1e9);
    summary.set("provenance", Json.MAPPER.valueToTree(Provenance.current()));
    Json.write(out.resolve("track.json"), summary);
    ObjectNode first = lines.get(0);
    ObjectNode last = lines.get(lines.size() - 1);
    o.printf(Locale.ROOT, "%d records, steps 0..%d: loss %.4g -> %.4g, |K| %.4g -> %.4g, target alignment %.4f ->"
        + " %.4f, alignment with the final kernel at step 0 %.4f%n", lines.size(), schedule.last(),
        first.path("train_loss").asDouble(), last.path("train_loss").asDouble(), first.path("kernel_norm").asDouble(),
        last.path("kernel_norm").asDouble(), first.path("target_alignment").asDouble(),
        last.path("target_alignment").asDouble(), first.path("final_alignment").asDouble());
    o.printf("wrote %s (records.jsonl, kernels/, track.json)%n", out);
    return 0;
  }

  /** The config file's settings (or the defaults) with the options given here on top. */
  TrackConfig resolve() {
    TrackConfig b = config == null ? TrackConfig.defaults() : TrackConfig.read(config);
    ClassPair pair = classes == null ? b.classes() : ClassPair.parse(classes);
    try {
      return new TrackConfig(or(dataset, b.dataset()), pair.minus(), pair.plus(), or(trainExamples, b.trainExamples()),
          or(probe, b.probeExamples()), or(testExamples, b.testExamples()), or(arch, b.preset()), or(width, b.width()),
          or(hidden, b.hidden()), or(activation, b.activation()), noBias ? Boolean.FALSE : b.bias(),
          or(initScale, b.initScale()), or(epochs, b.epochs()), or(learningRate, b.learningRate()),
          or(batchSize, b.batchSize()), or(loss, b.loss()), or(whiten, b.whiten()), or(seed, b.seed()),
          or(records, b.records()), or(every, b.every()), or(topK, b.topK()));
    } catch (IllegalArgumentException e) {
      throw new AkException((config != null ? config + ": " : "track: ") + e.getMessage());
    }
  }

  private static <T> T or(T given, T base) {
    return given != null ? given : base;
  }
}
