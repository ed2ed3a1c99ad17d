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
  void anUnknownCommandIsAUsageErrorWithOrWithoutHelp() {
    for (String[] args : new String[][] {{"regresss"}, {"regresss", "--help"}, {"--help", "regresss"}}) {
      CliTestSupport.Run r = ak(args);
      assertEquals(2, r.exitCode(), String.join(" ", args));
      assertTrue(r.err().startsWith("ak: error: unknown command 'regresss'; did you mean"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertEquals("", r.out(), "no usage printed as if help had been asked for");
    }
  }

  @Test
  void anUnknownSubcommandOfAGroupIsAUsageErrorWithOrWithoutHelp() {
    for (String[] args : new String[][] {{"bench", "nosuch", "--help"}, {"bench", "nosuch"}}) {
      CliTestSupport.Run r = ak(args);
      assertEquals(2, r.exitCode(), String.join(" ", args));
      assertTrue(r.err().startsWith("ak: error: unknown command 'nosuch' of 'ak bench'; did you mean"),
          r.err());
      assertEquals("", r.out());
    }
    CliTestSupport.Run typo = ak("sweep", "runn", "--help");
    assertEquals(2, typo.exitCode());
    assertTrue(typo.err().contains("unknown command 'runn' of 'ak sweep'; did you mean 'run'?"), typo.err());
  }

  @Test
  void helpOfKnownCommandsStillSucceeds() {
    for (String[] args : new String[][] {{"bench", "--help"}, {"sweep", "run", "--help"}, {"data", "info", "--help"}}) {
      CliTestSupport.Run r = ak(args);
      assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: ak " + args[0]), r.out());
    }
    CliTestSupport.Run option = ak("--no-such-option");
    assertEquals(2, option.exitCode());
    assertTrue(option.err().contains("Unknown option: '--no-such-option'"), option.err());
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
