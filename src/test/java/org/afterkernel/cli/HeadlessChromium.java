package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in Debian's headless Chromium and returns its DOM after load, for tests of what a
 * browser makes of the HTML report. Chromium is required, not optional: CI installs it ({@code
 * .ci/run}), and a missing browser fails the test rather than skipping it.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** The DOM of {@code page} after its load event and scripts (up to 10 s of virtual time). */
  static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    assertTrue(Files.isExecutable(BINARY), BINARY + " is missing: install Debian's chromium"
        + " (apt-get install -y --no-install-recommends chromium; .ci/run does it)");
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    Path dom = scratch.resolve("dom-" + System.nanoTime() + ".html");
    // The flags keep a closed network from stalling it: no sync, no updates, no background fetches.
    Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
        page.toUri().toString()))
        .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("chromium did not finish loading " + page + " within 180 s");
    }
    assertTrue(p.exitValue() == 0, "chromium exited with " + p.exitValue());
    return Files.readString(dom, StandardCharsets.UTF_8);
  }
}
