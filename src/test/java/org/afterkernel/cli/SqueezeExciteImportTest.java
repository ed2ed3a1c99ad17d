package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.savedmodel.SqueezeExciteSavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A functional Keras squeeze-excite model whose Multiply takes a (batch, 14, 14, 4) map and a
 * (batch, 4) gate, with no Reshape (Keras's merge rule adds the gate's missing axes after the
 * batch axis), written in the Keras 2 SavedModel layout in the test and imported end to end:
 * {@code ak savedmodel inspect} says it imports and {@code ak savedmodel check} passes — the
 * imported graph against the model's own serving signature (plain TensorFlow ops, the gate
 * expanded by ExpandDims as Keras does), per-example gradients against one-example backprop and
 * float64 finite differences.
 */
class SqueezeExciteImportTest {
  @TempDir Path dir;

  private static final String DATA = TestData.sharedDataDir().toString();

  @Test
  void aSqueezeExciteModelWithoutReshapeImportsAndPassesTheCheck() throws IOException {
    Path model = dir.resolve("se_net");
    SqueezeExciteSavedModel.write(model, 5, false);
    assertTrue(Files.isRegularFile(model.resolve("keras_metadata.pb")));
    CliTestSupport.Run inspect = ak("savedmodel", "inspect", model.toString());
    assertEquals(0, inspect.exitCode(), inspect.out() + inspect.err());
    assertTrue(inspect.out().contains("layer configs from: keras_metadata.pb"), inspect.out());
    assertTrue(inspect.out().contains("Multiply"), inspect.out());
    assertTrue(inspect.out().contains("parameters: 7,912"), inspect.out());
    assertTrue(inspect.out().contains("import: supported, as Keras Functional 'se_net' (TensorFlow 2.8.0, Keras 2.8.0)"),
        inspect.out());

    Path json = dir.resolve("check.json");
    CliTestSupport.Run check = ak("savedmodel", "check", model.toString(), "--data-dir", DATA, "--dataset", "mnist",
        "--count", "300", "--logit-difference", "8,3", "--json", json.toString());
    assertEquals(0, check.exitCode(), check.out() + check.err());
    assertTrue(check.out().contains("logit: z_8 - z_3 before the final softmax"), check.out());
    assertTrue(check.out().contains("check: passed"), check.out());
    JsonNode result = Json.readTree(json);
    assertTrue(result.toString().contains("\"forwardPasses\":true"), result.toString());
    assertFalse(result.toString().contains("\"passed\":false"), result.toString());
  }

  @Test
  void theSameModelWithItsConfigsInTheObjectGraphAsKerasBefore25Wrote() throws IOException {
    Path model = dir.resolve("se_net_old");
    SqueezeExciteSavedModel.write(model, 6, true);
    assertFalse(Files.exists(model.resolve("keras_metadata.pb")));
    CliTestSupport.Run check = ak("savedmodel", "check", model.toString(), "--data-dir", DATA, "--dataset", "mnist",
        "--count", "200");
    assertEquals(0, check.exitCode(), check.out() + check.err());
    assertTrue(check.out().contains("saved_model.pb (object graph metadata)"), check.out());
    assertTrue(check.out().contains("check: passed"), check.out());
  }
}
