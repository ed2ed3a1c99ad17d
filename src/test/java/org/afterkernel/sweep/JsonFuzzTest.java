package org.afterkernel.sweep;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.Fuzzing;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.io.Json;
import org.afterkernel.nn.NetworkSpec;

/**
 * Fuzzes the readers of JSON the user or another process wrote: experiment configs, sweep
 * definitions, a sweep's results lines (and the summary computed from them), experiment result
 * documents and the network.json of a model directory. Every input parses or is refused with a
 * one-line {@code AkException}, allocating at most what its bytes justify ({@link Fuzzing#check}).
 */
class JsonFuzzTest {
  /** Jackson's trees and buffers are a few dozen times the text. */
  private static final double PER_BYTE = 200;

  @DictionaryEntries({"\"preset\"", "\"nn-architecture\"", "\"width\"", "\"num-parameters\"", "\"num-layers\"", "\"num-blocks\"", "\"dataset\"", "\"cifar10\"", "\"mega-vgg\"", "\"filter-size\"", "\"pool-size\"", "1e308", "-1", "2147483647", "null", "true"})
  @FuzzTest(maxDuration = "2m")
  void experimentConfig(byte[] data) throws Exception {
    Path f = Fuzzing.write("config.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> new ConfigMerger().overlay(f).build().networkSpec());
  }

  @DictionaryEntries({"\"name\"", "\"runs\"", "\"base\"", "\"cases\"", "\"grid\"", "\"max-num-epochs\"", "\"preset\"", "[0, 1, 3, 10, 30]", "2147483647", "-1", "null", "{}", "[]"})
  @FuzzTest(maxDuration = "2m")
  void sweepDefinition(byte[] data) throws Exception {
    Path f = Fuzzing.write("sweep.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      SweepDefinition def = SweepDefinition.read(f);
      def.hash();
    });
  }

  @DictionaryEntries({"\"status\"", "\"done\"", "\"failed\"", "\"settings\"", "\"values\"", "\"sweep\"", "\"cell\"", "\"run\"", "\"sweepHash\"", "\"figure\"", "\"ak_swap\"", "\"nn_error\"", "null", "{}", "[]"})
  @FuzzTest(maxDuration = "2m")
  void resultsLines(byte[] data) throws Exception {
    Path f = Fuzzing.write("results.jsonl", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      List<Path> files = SweepFiles.resultFiles(f);
      SweepSummary.csv(SweepSummary.of(SweepFiles.deduplicate(SweepFiles.readAll(files))));
    });
  }

  @DictionaryEntries({"\"schema\"", "\"afterkernel.experiment/1\"", "\"config\"", "\"runs\"", "\"summary\"", "\"provenance\"", "\"timings\"", "null", "{}", "[]"})
  @FuzzTest(maxDuration = "2m")
  void experimentResult(byte[] data) throws Exception {
    Path f = Fuzzing.write("result.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> ExperimentResult.read(f));
  }

  @DictionaryEntries({"\"architecture\"", "\"VGG\"", "\"MLP\"", "\"SUM\"", "\"width\"", "\"numBlocks\"", "\"numLayers\"", "\"filterSize\"", "\"poolSize\"", "\"height\"", "\"imageWidth\"", "\"channels\"", "2147483647", "-1", "0"})
  @FuzzTest(maxDuration = "2m")
  void networkJson(byte[] data) throws Exception {
    Path f = Fuzzing.write("network.json", data);
    Fuzzing.check(data.length, PER_BYTE, () -> {
      NetworkSpec s = Json.read(f, NetworkSpec.class);
      s.label();
      s.toSequential();
    });
  }
}
