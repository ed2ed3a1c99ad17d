package org.afterkernel.sweep;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.Fuzzing;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.io.Json;
import org.afterkernel.nn.NetworkSpec;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the readers of JSON the user or another process wrote: experiment configs, sweep
 * definitions, a sweep's results lines (and the summary computed from them), experiment result
 * documents and the network.json of a model directory. Every input parses or is refused with a
 * one-line {@code AkException}, allocating at most what its bytes justify ({@link Fuzzing#check}).
 */
class JsonFuzzTest {
  /** Jackson's trees and buffers are a few dozen times the text. */
  private static final double PER_BYTE = 200;

  @FuzzTest(maxDuration = "3m")
  @Timeout(30)
  void experimentConfig(byte[] data) throws Exception {
    Path f = Fuzzing.write("config.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> new ConfigMerger().overlay(f).build().networkSpec());
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(30)
  void sweepDefinition(byte[] data) throws Exception {
    Path f = Fuzzing.write("sweep.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      SweepDefinition def = SweepDefinition.read(f);
      def.hash();
    });
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(30)
  void resultsLines(byte[] data) throws Exception {
    Path f = Fuzzing.write("results.jsonl", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      List<Path> files = SweepFiles.resultFiles(f);
      SweepSummary.csv(SweepSummary.of(SweepFiles.deduplicate(SweepFiles.readAll(files))));
    });
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(30)
  void experimentResult(byte[] data) throws Exception {
    Path f = Fuzzing.write("result.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> ExperimentResult.read(f));
  }

  @FuzzTest(maxDuration = "3m")
  @Timeout(30)
  void networkJson(byte[] data) throws Exception {
    Path f = Fuzzing.write("network.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      NetworkSpec s = Json.read(f, NetworkSpec.class);
      s.label();
      s.toSequential();
    });
  }
}
