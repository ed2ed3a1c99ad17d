package org.afterkernel.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.afterkernel.AkException;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Json;
import org.afterkernel.io.JsonLines;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Whitening;
import org.afterkernel.train.Evaluation;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;

/**
 * Trains a network and records its tangent kernel on a fixed probe set at the steps of a {@link
 * TrackSchedule}: one JSON line per record in {@code records.jsonl} (schema {@link #SCHEMA}), the
 * kernel itself in {@code kernels/step-N.npy}. Training is deterministic for a seed, so an
 * interrupted run resumes by replaying the steps it has recorded (checking the loss it recorded)
 * and computing only the records it lacks. {@link FinalComparison} then compares every record's
 * kernel with the final one.
 */
public final class Tracker {
  /** Schema tag of a record line. */
  public static final String SCHEMA = "afterkernel.track-record/1";
  /** Relative difference of a replayed loss from the recorded one that fails a resume. */
  static final double REPLAY_TOLERANCE = 1e-5;

  private final TrackConfig config;
  private final LabeledImages train;
  private final LabeledImages test;
  private final Path out;
  private final Consumer<String> log;
  private final Map<Long, JsonNode> recorded = new HashMap<>();
  private DenseMatrix previous;

  public Tracker(TrackConfig config, LabeledImages train, LabeledImages test, Path out, Consumer<String> log) {
    this.config = config;
    this.train = train;
    this.test = test;
    this.out = out;
    this.log = log;
  }

  /** The records file of a track directory. */
  public static Path recordsFile(Path dir) {
    return dir.resolve("records.jsonl");
  }

  /** The kernel file of the record at {@code step}. */
  public static Path kernelFile(Path dir, long step) {
    return dir.resolve("kernels").resolve(String.format(Locale.ROOT, "step-%09d.npy", step));
  }

  /** Trains and records; returns the schedule that was recorded. */
  public TrackSchedule run(boolean showProgress) {
    checkConfigFile();
    for (JsonNode n : JsonLines.read(recordsFile(out))) {
      if (!SCHEMA.equals(n.path("schema").asText())) {
        throw new AkException(recordsFile(out) + ": a line of schema '" + n.path("schema").asText()
            + "', expected " + SCHEMA);
      }
      recorded.put(n.path("step").asLong(), n);
    }
    TrainConfig tc = config.trainConfig();
    long total = (long) tc.maxEpochs() * tc.stepsPerEpoch(train.count());
    TrackSchedule schedule = config.every() != null ? TrackSchedule.every(total, config.every())
        : TrackSchedule.logSpaced(total, config.records());
    Double eps = config.whiteningEps();
    Whitening whitening = eps == null ? null : Whitening.fit(train.images(), eps);
    LabeledImages probe = train.first(config.probeExamples());
    try (Model model = Model.create(config.networkSpec(), config.seed(), whitening)) {
      Trainer trainer = new Trainer(model, train, tc);
      FeatureMap map = FeatureMap.of(model, FeatureKind.NTK, Implementation.STRUCTURED);
      long start = System.nanoTime();
      Consumer<Long> record = step -> record(step, tc, trainer, map, probe, total, start);
      record.accept(0L);
      trainer.onStep(step -> {
        if (schedule.contains(step)) {
          record.accept(step);
        }
      });
      for (int e = 0; e < tc.maxEpochs(); e++) {
        try (Progress p = showProgress ? Progress.start("train epoch " + (e + 1), train.count(), "examples")
            : Progress.silent()) {
          trainer.trainEpoch(p);
        }
      }
    }
    return schedule;
  }

  private void record(long step, TrainConfig tc, Trainer trainer, FeatureMap map, LabeledImages probe,
      long total, long start) {
    Evaluation onTrain = trainer.evaluate(train);
    JsonNode done = recorded.get(step);
    Path kernelPath = kernelFile(out, step);
    if (done != null && Files.isRegularFile(kernelPath)) {
      double was = done.path("train_loss").asDouble();
      if (Math.abs(onTrain.meanLoss() - was) > REPLAY_TOLERANCE * Math.max(1, Math.abs(was))) {
        throw new AkException(recordsFile(out) + ": step " + step + " recorded train_loss " + was
            + ", the replayed training gives " + onTrain.meanLoss()
            + " (another machine or thread count?); record into a new --out directory");
      }
      previous = DenseMatrix.of(Npy.read(kernelPath));
      return;
    }
    long t0 = System.nanoTime();
    DenseMatrix k = Kernel.of(map).gram(probe.images(), Progress.silent());
    double kernelSeconds = (System.nanoTime() - t0) / 1e9;
    KernelRecord kr = KernelRecord.of(k, probe.labels(), previous);
    Npy.writeFloats(kernelPath, new long[] {k.rows(), k.cols()}, k.data());
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("schema", SCHEMA);
    line.put("step", step);
    line.put("epoch", (double) step / tc.stepsPerEpoch(train.count()));
    line.put("total_steps", total);
    line.put("seed", config.seed());
    line.put("train_loss", onTrain.meanLoss());
    line.put("train_error", onTrain.error());
    if (test != null && test.count() > 0) {
      Evaluation onTest = trainer.evaluate(test);
      line.put("test_loss", onTest.meanLoss());
      line.put("test_error", onTest.error());
    }
    line.put("kernel_norm", kr.norm());
    line.put("kernel_trace", kr.trace());
    line.put("effective_rank", kr.effectiveRank());
    line.put("target_alignment", kr.targetAlignment());
    if (kr.relativeChange() != null) {
      line.put("relative_change", kr.relativeChange());
    } else {
      line.putNull("relative_change");
    }
    line.put("kernel_seconds", kernelSeconds);
    line.put("elapsed_seconds", (System.nanoTime() - start) / 1e9);
    JsonLines.append(recordsFile(out), Json.toLine(line));
    previous = k;
    log.accept(String.format(Locale.ROOT, "step %d/%d: loss %.4g, |K| %.4g, alignment %.4f, kernel %.2f s",
        step, total, onTrain.meanLoss(), kr.norm(), kr.targetAlignment(), kernelSeconds));
  }

  /** Writes {@code track-config.json}, or checks that an existing one is this config. */
  private void checkConfigFile() {
    Path file = out.resolve("track-config.json");
    if (Files.isRegularFile(file)) {
      if (!Json.read(file, TrackConfig.class).equals(config)) {
        throw new AkException(file + ": records of another configuration; use another --out directory"
            + " or the config it holds");
      }
      return;
    }
    Json.write(file, config);
  }
}
