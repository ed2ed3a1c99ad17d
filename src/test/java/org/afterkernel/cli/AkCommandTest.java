package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AkCommandTest {
  @Test
  void helpAndVersionSucceed() {
    CliTestSupport.Run help = ak("--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("Usage: ak"), help.out());
    CliTestSupport.Run version = ak("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().contains("TensorFlow Java 1.1.0"), version.out());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, ak("no-such-command").exitCode());
    assertEquals(2, ak("--threads", "many", "info").exitCode());
    assertEquals(2, ak("--threads", "-1", "info").exitCode());
  }

  @Test
  void infoNamesTensorFlowAndTheCpu() {
    CliTestSupport.Run r = ak("info");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("TensorFlow native  2."), r.out());
    assertTrue(r.out().contains("natives            CPU"), r.out());
    assertTrue(r.out().contains("device:CPU:0"), r.out());
  }
}
