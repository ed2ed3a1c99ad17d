package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvarianceCommandTest {
  @TempDir Path dir;

  @Test
  void measuresBeforeAndAfterTrainingForAModelDirectory() {
    String data = TestData.sharedDataDir().toString();
    Path model = dir.resolve("m");
    assertEquals(0, ak("train", "--arch", "sum", "--epochs", "1", "--first", "500", "--data-dir", data,
        "--out", model.toString()).exitCode());
    Path out = dir.resolve("inv.json");
    CliTestSupport.Run r = ak("invariance", "--model", model.toString(), "--kinds", "translate,swap",
        "--first", "100", "--data-dir", data, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode v = Json.readTree(out).get("values");
    for (String k : new String[] {"ntk_translation", "ntk_swap", "ak_translation", "ak_swap"}) {
      assertTrue(v.get(k).asDouble() >= 0.999, k + " = " + v.get(k));
    }
    assertEquals(4, v.size(), "only the requested kinds: " + v);
    assertEquals(100, Json.readTree(out).get("testImages").asInt());
  }

  @Test
  void badKindIsAUsageError() {
    assertEquals(2, ak("invariance", "--kinds", "translate,blur").exitCode());
  }
}
