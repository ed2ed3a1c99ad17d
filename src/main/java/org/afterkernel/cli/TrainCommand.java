package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.DataIdentity;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.io.Json;
import org.afterkernel.io.Progress;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.SavedModelExport;
import org.afterkernel.nn.Whitening;
import org.afterkernel.train.EpochStats;
import org.afterkernel.train.Evaluation;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import org.afterkernel.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ak train}: trains a network as the original script does and writes its weights (initial
 * and final, {@code .npz}), a SavedModel and a JSON record of the run. The folder appears only
 * when training and every file succeeded: it is staged under a temporary name ({@link
 * StagedOutputs}), so a divergence or an interruption leaves nothing.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network (Keras defaults: SGD lr 0.01, batch 32) and save weights, SavedModel and a JSON record.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin NetworkOptions network;
  @Mixin TrainingOptions training;

  @Option(names = "--first", paramLabel = "N", defaultValue = "0",
      description = "Train on the first N training examples only (0 = all).")
  int first;

  @Option(names = "--test-first", paramLabel = "N", defaultValue = "0",
      description = "Evaluate on the first N test examples only (0 = all).")
  int testFirst;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    NetworkSpec netSpec = network.spec(data.dataset()).withOutputs(data.outputs());
    TrainConfig config = training.config(data.allClasses());
    checkWritable(out);
    long t0 = System.nanoTime();
    LabeledImages train = data.load(Split.TRAIN, first);
    LabeledImages test = data.load(Split.TEST, testFirst);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    Whitening whitening = training.whitening(train.images());
    try (Model model = Model.create(netSpec, config.seed(), whitening);
        StagedOutputs outputs = new StagedOutputs()) {
      Path dir = outputs.directory(out);
      o.printf("%s: %,d parameters; %,d training and %,d test examples%n",
          netSpec.label(), model.parameterCount(), train.count(), test.count());
      ModelDirectory.write(dir, model, ModelDirectory.Stage.INITIAL);
      Trainer trainer = new Trainer(model, train, config);
      long start = System.nanoTime();
      TrainingHistory history = trainer.fit(stats -> report(o, stats, config, start), true);
      Evaluation onTest = trainer.evaluate(test);
      Evaluation onTrain = trainer.evaluate(train);
      if (data.allClasses()) {
        o.printf(Locale.ROOT, "test error %.4f (largest output), training error %.4f; training loss %.5f%n",
            onTest.error(), onTrain.error(), onTrain.meanLoss());
      } else {
        o.printf(Locale.ROOT, "test error %.4f (logit > 0), %.4f (original: logit > 0.5); training loss %.5f%n",
            onTest.error(), onTest.errorParity(), onTrain.meanLoss());
      }
      ModelDirectory.write(dir, model, ModelDirectory.Stage.TRAINED);
      long e0 = System.nanoTime();
      if (whitening == null) {
        SavedModelExport.export(model, dir.resolve("savedmodel"));
      } else {
        o.println("note: no savedmodel/ for a network on whitened inputs (its whitening is in whitening.npz)");
      }
      double exportSeconds = (System.nanoTime() - e0) / 1e9;
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("network", netSpec);
      record.put("parameters", model.parameterCount());
      record.put("dataset", data.dataset().cliName());
      record.put("classes", data.describeClasses());
      record.put("trainingExamples", train.count());
      record.put("testExamples", test.count());
      record.put("data", Map.of(
          "train", DataIdentity.of(data.dataDir(), data.dataset(), Split.TRAIN, data.describeClasses(), train.count()),
          "test", DataIdentity.of(data.dataDir(), data.dataset(), Split.TEST, data.describeClasses(), test.count())));
      record.put("training", config);
      if (whitening != null) {
        record.put("whitening", Map.of("kind", "zca", "eps", whitening.eps(), "rank", whitening.rank()));
      }
      record.put("history", history);
      record.put("test", onTest);
      record.put("train", onTrain);
      record.put("timings", Map.of("loadDataSeconds", loadSeconds, "trainSeconds", history.seconds(),
          "exportSeconds", exportSeconds, "totalSeconds", (System.nanoTime() - t0) / 1e9));
      record.put("provenance", config.augmentation().recordIn(Provenance.current()));
      Json.write(dir.resolve("train.json"), record);
      outputs.commit();
      o.printf("wrote %s (network.json, weights.npz, weights-initial.npz, savedmodel/, train.json)%n", out);
    }
    return 0;
  }

  private static void report(PrintWriter o, EpochStats s, TrainConfig config, long start) {
    double elapsed = (System.nanoTime() - start) / 1e9;
    String eta = config.lossTarget() == null && s.epoch() < config.maxEpochs()
        ? ", ETA " + Progress.duration(elapsed / s.epoch() * (config.maxEpochs() - s.epoch()))
        : "";
    o.printf(Locale.ROOT, "epoch %d%s: loss %.5f, accuracy %.4f, %.0f examples/s, %s%s%n",
        s.epoch(), config.lossTarget() == null ? "/" + config.maxEpochs() : "", s.loss(), s.accuracy(),
        s.examplesPerSecond(), Progress.duration(s.seconds()), eta);
    o.flush();
  }

  /** Checks that an out directory is usable before spending minutes training. */
  static void checkWritable(Path dir) {
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw new AkException(dir + ": exists and is not a directory");
    }
  }
}
