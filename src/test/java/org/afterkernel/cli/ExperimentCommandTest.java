package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.TestData;
import org.afterkernel.experiment.ExperimentResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
  @TempDir Path dir;

  @Test
  void configFileFlagsAndOutputs() throws Exception {
    Path config = dir.resolve("c.json");
    Files.writeString(config, "{\"nn_architecture\": \"Sum\", \"num-parameters\": 16, \"num-runs\": 3,"
        + " \"max-num-epochs\": 2, \"num-swaps\": 50}");
    Path tsv = dir.resolve("ak.txt");
    Path json = dir.resolve("r.json");
    String[] args = {"experiment", "--config", config.toString(), "--num_runs", "1", "--max-num-epochs", "1",
        "--test-accuracy-output", tsv.toString(), "--model-summary-output", dir.resolve("model.txt").toString(),
        "--data-dir", TestData.sharedDataDir().toString(), "--out", json.toString()};
    CliTestSupport.Run r = ak(args);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ak_swap"), r.out());
    ExperimentResult result = ExperimentResult.read(json);
    assertEquals(1, result.config().numRuns(), "the flag overrides the file");
    assertEquals(1, result.config().maxNumEpochs());
    assertEquals(50, result.config().numSwaps(), "the file's value is kept");
    assertTrue(Files.readString(dir.resolve("model.txt")).contains("total parameters: 49"));
    assertEquals(0, ak(args).exitCode());
    List<String> lines = Files.readAllLines(tsv);
    assertEquals(2, lines.size(), "one row appended per experiment");
    assertEquals(38, lines.get(1).split("\t", -1).length);
    assertTrue(lines.get(1).startsWith("1\tFalse\tFalse\t"), lines.get(1));
  }

  @Test
  void badOptionsFailWithoutWritingResults() throws Exception {
    Path config = dir.resolve("c.json");
    Files.writeString(config, "{\"max-num-epoch\": 1}");
    Path json = dir.resolve("r.json");
    CliTestSupport.Run r = ak("experiment", "--config", config.toString(), "--out", json.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("did you mean 'max-num-epochs'?"), r.err());
    r = ak("experiment", "--num-runs", "0", "--out", json.toString());
    assertEquals(2, r.exitCode(), "a usage error, before any work");
    assertTrue(r.err().contains("num-runs is 0"), r.err());
    assertEquals(2, ak("experiment", "--num-runs", "many").exitCode());
    assertFalse(Files.exists(json));
  }

  @Test
  void theTrainingStudySettingsReachTheNetworkAndTheTraining() throws Exception {
    Path config = dir.resolve("c.json");
    Files.writeString(config, "{\"preset\": \"mlp\", \"hidden\": [8, 4], \"activation\": \"tanh\", \"loss\": \"mse\","
        + " \"batch-size\": \"full\", \"whiten\": \"zca\", \"num-runs\": 1, \"max-num-epochs\": 2,"
        + " \"ker-alignment-sample-size\": 30, \"train-examples\": 80, \"test-examples\": 30}");
    Path json = dir.resolve("r.json");
    CliTestSupport.Run r = ak("experiment", "--config", config.toString(), "--no-bias", "--init-scale", "0.5",
        "--test-accuracy-output", "", "--model-summary-output", "", "--data-dir", TestData.sharedDataDir().toString(),
        "--out", json.toString());
    assertEquals(0, r.exitCode(), r.err());
    ExperimentResult result = ExperimentResult.read(json);
    var c = result.config();
    assertEquals("mlp(hidden=[8, 4], tanh, no bias, init x0.5) on 28x28x1", c.networkSpec().label());
    assertEquals(784 * 8 + 8 * 4 + 4, result.parameters());
    assertEquals(org.afterkernel.train.LossFunction.MSE, c.trainConfig(2, 1).loss());
    assertEquals(1, c.trainConfig(2, 1).stepsPerEpoch(80), "full batch: one step per epoch");
    assertEquals(1e-3, c.whiteningEps());
    r = ak("experiment", "--batch-size", "half", "--out", json.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("batch size is 'half'"), r.err());
    r = ak("experiment", "--activation", "softmax", "--out", json.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("activation is softmax, expected relu, tanh or linear"), r.err());
  }
}
