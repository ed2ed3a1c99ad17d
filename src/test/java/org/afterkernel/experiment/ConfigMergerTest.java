package org.afterkernel.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMergerTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheOriginalScripts() {
    ExperimentConfig c = new ConfigMerger().build();
    assertEquals(1000, c.maxNumEpochs());
    assertNull(c.learningRate());
    assertEquals(1e5, c.numParameters());
    assertEquals(5, c.numRuns());
    assertEquals(120.0, c.svmTimeLimit());
    assertEquals("VGG", c.nnArchitecture());
    assertEquals("jst1", c.svmSolver());
    assertEquals(38, c.networkSpec().width(), "the script's budget rule, not the paper's 26");
    assertEquals("/tmp/ak.txt", c.testAccuracyOutput());
  }

  @Test
  void fileThenFlagsWithBothSpellings() throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\"num_runs\": 3, \"max-num-epochs\": 7, \"nn-architecture\": \"mlp\", \"preset\": null}");
    ExperimentConfig c = new ConfigMerger().overlay(f).set("max_num_epochs", 9).set("use-augmentation", true).build();
    assertEquals(3, c.numRuns());
    assertEquals(9, c.maxNumEpochs(), "flags override the file");
    assertEquals("MLP", c.nnArchitecture());
    assertEquals(94, c.networkSpec().width());
    assertTrue(c.useAugmentation());
  }

  @Test
  void unknownKeysSuggestTheClosestName() throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\"num-run\": 3}");
    AkException e = assertThrows(AkException.class, () -> new ConfigMerger().overlay(f));
    assertTrue(e.getMessage().contains("unknown experiment option 'num-run' (did you mean 'num-runs'?)"), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void badValuesNameTheOption() throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\"num-runs\": \"five\"}");
    AkException e = assertThrows(AkException.class, () -> new ConfigMerger().overlay(f).build());
    assertTrue(e.getMessage().contains("num-runs"), e.getMessage());
    e = assertThrows(AkException.class, () -> new ConfigMerger().set("minus-class", 8).build());
    assertTrue(e.getMessage().contains("minus-class"), e.getMessage());
    e = assertThrows(AkException.class, () -> new ConfigMerger().set("svm-solver", "svc").build());
    assertTrue(e.getMessage().contains("svm-solver is svc"), e.getMessage());
  }
}
