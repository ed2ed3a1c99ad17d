package org.afterkernel.cli;

import static org.afterkernel.plot.ResultLines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterkernel.plot.ResultLines;
import org.afterkernel.sweep.SweepDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ak report} on two small sweeps (one of them in shards): a self-contained page whose
 * tables hold the known means and half-widths, with the matching sweep config and the provenance,
 * and whose every figure a real browser (headless Chromium) loads.
 */
class ReportCommandTest {
  @TempDir Path dir;

  /** Writes the sweep file of figure 2's test sweep and returns its definition hash. */
  private String writeSweepConfig(Path configs) throws Exception {
    Path f = configs.resolve("fig02-test.json");
    Files.createDirectories(configs);
    Files.writeString(f, "{\"name\": \"fig02-test\", \"figure\": 2, \"description\": \"report test\", \"runs\": 2,"
        + " \"base\": {\"train-linear-model\": true},"
        + " \"cases\": [{\"preset\": \"vgg\", \"dataset\": \"mnist\", \"minus-class\": 3, \"plus-class\": 8},"
        + " {\"preset\": \"mlp\", \"dataset\": \"mnist\", \"minus-class\": 5, \"plus-class\": 6}],"
        + " \"grid\": {\"max-num-epochs\": [0, 1, 10]}}");
    return SweepDefinition.read(f).hash();
  }

  private Path report() throws Exception {
    Path configs = dir.resolve("configs");
    String hash = writeSweepConfig(configs);
    ResultLines.write(dir.resolve("fig02/results.jsonl"), new ResultLines("fig02-test", 2, hash).figure2());
    ResultLines r = new ResultLines("fig04-test", 4);
    List<ObjectNode> shard1 = new ArrayList<>();
    List<ObjectNode> shard2 = new ArrayList<>();
    for (String preset : List.of("vgg", "mlp", "mega-vgg")) {
      for (int e : new int[] {0, 1, 3}) {
        ObjectNode s = settings("preset", preset, "dataset", "mnist", "minus-class", 3, "plus-class", 8,
            "max-num-epochs", e);
        shard1.add(r.done(s, 0, Map.of("ak_swap", 0.8 - e / 100.0, "ntk_swap", 0.8)));
        shard2.add(e == 3 && preset.equals("mlp") ? r.failed(s, 1, "training diverged")
            : r.done(s, 1, Map.of("ak_swap", 0.7 - e / 100.0, "ntk_swap", 0.7)));
      }
    }
    ResultLines.write(dir.resolve("fig04/results.shard-1-of-2.jsonl"), shard1);
    ResultLines.write(dir.resolve("fig04/results.shard-2-of-2.jsonl"), shard2);
    Path out = dir.resolve("report.html");
    CliTestSupport.Run run = CliTestSupport.ak("report", dir.resolve("fig02").toString(),
        dir.resolve("fig04").toString(), "--out", out.toString(), "--configs", configs.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("fig02-test: Figure 2: test error of the after-kernel SVM and of the network vs"
        + " epochs, 2 panel(s)"), run.out());
    assertTrue(run.out().contains("fig04-test: Figure 4: swap invariance of the after kernel vs epochs, 3 panel(s)"),
        run.out());
    assertTrue(run.out().contains("note: 1 failed cell(s) skipped"), run.out());
    return out;
  }

  @Test
  void theReportHoldsFiguresTablesConfigAndProvenanceWithNoExternalResource() throws Exception {
    String html = Files.readString(report());
    assertEquals(5, count(html, "<img "), "2 panels of figure 2 and 3 of figure 4");
    assertEquals(5, count(html, "src=\"data:image/png;base64,"));
    Matcher external = Pattern.compile("(src|href)=\"(?!data:|#)").matcher(html);
    assertFalse(external.find(), "no external resource: " + (external.find(0) ? html.substring(external.start(),
        Math.min(html.length(), external.start() + 80)) : ""));
    // Summary: VGG at 0 epochs has SVM 0.11 ± 0.01 and NN 0.5 ± 0; MLP at 10 epochs NN 0.15 ± 0.05.
    assertTrue(html.contains("<td class=\"num\">0.5000 ± 0</td><td class=\"num\">0.110 ± 0.010</td>"), "VGG, 0");
    assertTrue(html.contains("<td class=\"num\">0.150 ± 0.050</td><td class=\"num\">0.120 ± 0.020</td>"), "MLP, 10");
    assertTrue(html.contains("&quot;description&quot;: &quot;report test&quot;"), "the sweep config whose hash matches");
    assertTrue(html.contains("no config file of sweep fig04-test found in " + dir.resolve("configs")), "fig04's");
    assertTrue(html.contains("Test CPU &lt;x86&gt;"), "provenance, escaped");
    assertTrue(html.contains("ak sweep run configs/fig02-test.json"), "the runs' command");
    assertTrue(html.contains("2026-01-01T10:00:00Z to 2026-01-02T10:00:00Z"), "dates of the runs");
    assertTrue(html.contains("<td>training diverged</td>"), "the failed cell");
    assertTrue(html.contains("(n = 1–2 of 2)"), "the incomplete MLP curve's note");
  }

  @Test
  void everyImageOfTheReportLoadsInHeadlessChromium() throws Exception {
    Path page = report();
    String dom = HeadlessChromium.dumpDom(page, dir);
    assertTrue(dom.contains("data-images=\"5/5\""), "all 5 images decoded: " + bodyTag(dom));
    // The check sees a broken image: corrupt one and it counts 4 of 5.
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, Files.readString(page).replaceFirst("data:image/png;base64,", "data:image/png;base64,AAAA"));
    String brokenDom = HeadlessChromium.dumpDom(broken, dir);
    assertTrue(brokenDom.contains("data-images=\"4/5\""), "one broken image seen: " + bodyTag(brokenDom));
    assertTrue(brokenDom.contains("1 of 5 figures failed to load."), "and shown on the page");
  }

  private static String bodyTag(String dom) {
    Matcher m = Pattern.compile("<body[^>]*>").matcher(dom);
    return m.find() ? m.group() : dom.substring(0, Math.min(300, dom.length()));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
