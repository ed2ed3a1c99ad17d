package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.TestData;
import org.afterkernel.sweep.SlurmArray;
import org.afterkernel.sweep.SweepTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak sweep submit --slurm --dry-run}: the sbatch line, and refusals of bad values. */
class SweepSubmitCommandTest {
  @TempDir Path dir;

  private final Path project = Path.of("").toAbsolutePath();
  private final String data = TestData.sharedDataDir().toAbsolutePath().normalize().toString();

  @Test
  void dryRunPrintsTheSbatchLineWithEveryOption() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "sub", 2, ""); // 2 cases x 2 runs: 4 training tasks
    Path out = dir.resolve("out");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run",
        "--shards", "3", "--partition", "cpu,long", "--time", "2-00:00:00", "--cpus-per-task", "4", "--mem", "16G",
        "--out", out.toString(), "--data-dir", data, "--sbatch-option=--account=lab");
    assertEquals(0, r.exitCode(), r.err());
    String expected = "sbatch --parsable --array=1-3 --job-name=ak-sub --chdir=" + project
        + " --output=" + out + "/slurm-%A_%a.out --partition=cpu,long --time=2-00:00:00 --cpus-per-task=4"
        + " --mem=16G --export=ALL,AK_SHARD_COUNT=3 --account=lab " + project + "/tools/slurm-sweep.sh " + sweep
        + " --out " + out + " --data-dir " + data + " --threads 4";
    assertTrue(r.out().contains("\n  " + expected + "\n"), r.out());
    assertTrue(r.out().contains("threads: every task runs with --threads 4 (--cpus-per-task)"), r.out());
    assertTrue(r.out().contains("12 cell(s) in 4 training task(s), 3 shard(s)"), r.out());
    assertTrue(r.out().contains("data: mnist in "), r.out());
    assertFalse(Files.exists(out), "a dry run creates nothing");
  }

  @Test
  void byDefaultOneShardPerTaskAndTheScriptsResources() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "sub", 2, "");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run",
        "--out", dir.resolve("o").toString(), "--data-dir", data);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(" --array=1-4 --job-name=ak-sub --chdir=" + project + " --output=" + dir.resolve("o")
        + "/slurm-%A_%a.out --export=ALL,AK_SHARD_COUNT=4 " + project + "/tools/slurm-sweep.sh "), r.out());
  }

  @Test
  void runsGivesAnotherSweepWithMoreRunsPassedToEveryTask() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "sub", 2, ""); // 2 cases x 2 runs in the file
    Path out = dir.resolve("o10");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run", "--runs", "5",
        "--out", out.toString(), "--data-dir", data);
    assertEquals(0, r.exitCode(), r.err());
    // 2 cases x 5 runs = 10 training tasks (3 cells each), one shard each, named for the runs.
    assertTrue(r.out().contains("sweep sub-runs-5 "), r.out());
    assertTrue(r.out().contains("30 cell(s) in 10 training task(s), 10 shard(s)"), r.out());
    assertTrue(r.out().contains("--job-name=ak-sub-runs-5 "), r.out());
    assertTrue(r.out().contains(" --out " + out + " --data-dir " + data + " --runs 5 --threads 8\n"), r.out());
    CliTestSupport.Run bad = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run", "--runs",
        "0", "--data-dir", data);
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("--runs is 0, expected >= 1"), bad.err());
  }

  /** Whatever CPUs the cluster gives a task, it computes with the definition's thread count. */
  @Test
  void everyTaskGetsTheDefinitionsThreadCount() throws Exception {
    Path sweep = dir.resolve("t.json");
    Files.writeString(sweep, "{\"name\": \"t\", \"runs\": 1, \"threads\": 2, \"base\": {\"preset\": \"mlp\","
        + " \"train-examples\": 100, \"test-examples\": 40}}");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run",
        "--out", dir.resolve("o").toString(), "--data-dir", data);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(" --cpus-per-task=2 "), "the allocation follows the definition: " + r.out());
    assertTrue(r.out().contains(" --data-dir " + data + " --threads 2\n"), r.out());
    assertTrue(r.out().contains("threads: every task runs with --threads 2 (the definition's)"), r.out());
    CliTestSupport.Run more = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run",
        "--cpus-per-task", "8", "--out", dir.resolve("o").toString(), "--data-dir", data);
    assertEquals(0, more.exitCode(), more.err());
    assertTrue(more.out().contains(" --cpus-per-task=8 ") && more.out().contains(" --threads 2\n"), more.out());
    CliTestSupport.Run conflict = CliTestSupport.ak("--threads", "3", "sweep", "submit", sweep.toString(), "--slurm",
        "--dry-run", "--data-dir", data);
    assertEquals(2, conflict.exitCode(), conflict.out());
    assertTrue(conflict.err().contains("--threads 3 conflicts with sweep t's \"threads\": 2"), conflict.err());
    CliTestSupport.Run threads = CliTestSupport.ak("sweep", "submit", SweepTestSupport.writeSweep(dir, "u", 1, "")
        .toString(), "--slurm", "--dry-run", "--threads", "3", "--out", dir.resolve("u").toString(), "--data-dir", data);
    assertEquals(0, threads.exitCode(), threads.err());
    assertTrue(threads.out().contains(" --threads 3\n"), threads.out());
  }

  @Test
  void theScriptsDefaultCpusAreTheThreadsOfASubmissionWithoutACount() throws Exception {
    String script = Files.readString(project.resolve(SlurmArray.SCRIPT));
    assertTrue(script.contains("\n#SBATCH --cpus-per-task=" + SlurmArray.SCRIPT_CPUS + "\n"), script);
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "sub", 2, "");
    String[][] cases = {
      {"--shards", "5", "--shards is 5, but the sweep has only 4 training task(s): expected 1..4"},
      {"--shards", "0", "--shards is 0, expected >= 1"},
      {"--time", "2 days", "--time is '2 days', expected minutes, [D-]HH:MM:SS, D-HH or MM:SS"},
      {"--mem", "16GB", "--mem is '16GB', expected a size such as 16G or 4000M"},
      {"--cpus-per-task", "0", "--cpus-per-task is 0, expected >= 1"},
      {"--partition", "a b", "--partition is 'a b', expected a partition name (or names, comma-separated)"},
    };
    for (String[] c : cases) {
      CliTestSupport.Run r = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--slurm", "--dry-run",
          "--data-dir", data, c[0], c[1]);
      assertEquals(2, r.exitCode(), c[0] + " " + c[1] + ": " + r.out() + r.err());
      assertTrue(r.err().contains(c[2]), r.err());
    }
    CliTestSupport.Run noScheduler = CliTestSupport.ak("sweep", "submit", sweep.toString(), "--dry-run");
    assertEquals(2, noScheduler.exitCode());
    assertTrue(noScheduler.err().contains("Missing required option: '--slurm'"), noScheduler.err());
  }

  @Test
  void shellLineQuotesWhatTheShellWouldSplit() {
    assertEquals("sbatch --array=1-2 '/a b/c.json' 'it'\\''s' x%A_%a.out",
        SlurmArray.shellLine(List.of("sbatch", "--array=1-2", "/a b/c.json", "it's", "x%A_%a.out")));
  }
}
