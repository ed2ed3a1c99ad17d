package org.afterkernel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.afterkernel.AkException;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.DatasetFetcher;
import org.afterkernel.data.DatasetVerifier;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.DataDir;
import org.afterkernel.sweep.SlurmArray;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepPlan;
import org.afterkernel.tf.TensorFlowRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ak sweep submit}: runs a sweep on a Slurm cluster as a job array, one shard per task. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Submit a sweep to Slurm as a job array (sbatch --array=1-N tools/slurm-sweep.sh):"
        + " task I runs shard I of N, the last task to finish merges the shards into results.jsonl.",
        "Checks the sweep and its data once first (run through tools/ak, which builds the jar), then prints"
            + " the job id and how to follow it. Submitting again resumes: finished cells are skipped."})
public final class SweepSubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SweepOptions sweep;

  @Option(names = "--slurm", required = true, description = "Submit to Slurm (sbatch); the only scheduler so far.")
  boolean slurm;

  @Option(names = "--shards", paramLabel = "N", description = "Array tasks (default: one per training task).")
  Integer shards;

  @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's).")
  String partition;

  @Option(names = "--time", paramLabel = "T", description = "Time limit per task, e.g. 2-00:00:00 (default: the"
      + " script's 7 days).")
  String time;

  @Option(names = "--cpus-per-task", paramLabel = "C", description = "CPUs per task, its TensorFlow threads"
      + " (default: the script's 8).")
  Integer cpusPerTask;

  @Option(names = "--mem", paramLabel = "M", description = "Memory per task, e.g. 16G; the JVM heap gets 3/4"
      + " (default: the script's 24G).")
  String mem;

  @Option(names = "--sbatch-option", paramLabel = "OPT", description = "A further sbatch option, as given,"
      + " e.g. --sbatch-option=--account=lab (repeatable).")
  List<String> sbatchOptions = new ArrayList<>();

  @Option(names = "--dry-run", description = "Check and print the sbatch line, submit nothing.")
  boolean dryRun;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory, on a file system the nodes share (default: $AK_DATA_DIR, else ~/.cache/afterkernel).")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    SweepDefinition def = sweep.definition();
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    int n = shards == null ? tasks.size() : shards;
    if (n > tasks.size()) {
      throw new ParameterException(spec.commandLine(), "--shards is " + n + ", but the sweep has only "
          + tasks.size() + " training task(s): expected 1.." + tasks.size());
    }
    Path project = project();
    Path data = DataDir.resolve(dataDir).toAbsolutePath().normalize();
    Path out = sweep.dir(def).toAbsolutePath().normalize();
    SweepOptions.checkResultsDir(out);
    boolean threadsGiven = Main.matched(spec.root().commandLine().getParseResult(), "--threads");
    // What --threads asks of the tasks (0: one per processor), not this process's pool, which an earlier
    // session in the same JVM may have fixed at another count.
    int asked = TensorFlowRuntime.intraOpThreads() > 0 ? TensorFlowRuntime.intraOpThreads()
        : Runtime.getRuntime().availableProcessors();
    if (threadsGiven && def.threads() != null && asked != def.threads()) {
      throw new ParameterException(spec.commandLine(), "--threads " + TensorFlowRuntime.intraOpThreads()
          + " conflicts with sweep " + def.name() + "'s \"threads\": " + def.threads());
    }
    int threads = SlurmArray.threads(def.threads(), threadsGiven ? TensorFlowRuntime.intraOpThreads() : 0,
        cpusPerTask);
    Integer cpus = cpusPerTask == null && def.threads() != null ? def.threads() : cpusPerTask;
    SlurmArray array;
    try {
      array = new SlurmArray(project, sweep.config.toAbsolutePath().normalize(), def.name(), out, data, n,
          partition, time, cpus, mem, sbatchOptions, sweep.runs, threads);
    } catch (AkException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    o.printf("sweep %s (hash %s): %d cell(s) in %d training task(s), %d shard(s)%n", def.name(), def.hash(),
        tasks.stream().mapToInt(t -> t.cells().size()).sum(), tasks.size(), n);
    o.printf("threads: every task runs with --threads %d (%s), whatever CPUs it is given%n", threads,
        def.threads() != null ? "the definition's" : threadsGiven ? "--threads"
            : cpusPerTask != null ? "--cpus-per-task" : "the script's " + SlurmArray.SCRIPT_CPUS + " CPUs per task");
    if (cpus != null && cpus != threads) {
      o.printf("note: %d CPU(s) per task for %d thread(s)%n", cpus, threads);
    }
    checkData(o, tasks, data);
    String line = SlurmArray.shellLine(array.command());
    if (dryRun) {
      o.println("would run (--dry-run, nothing submitted):");
      o.println("  " + line);
      return 0;
    }
    createDirectories(out);
    o.println("running: " + line);
    o.flush();
    String job = submit(array.command());
    List<String> statusArgs = new java.util.ArrayList<>(List.of(array.config().toString(), "--out", out.toString()));
    if (sweep.runs != null) {
      statusArgs.addAll(List.of("--runs", sweep.runs.toString()));
    }
    String status = "tools/ak sweep status " + SlurmArray.shellLine(statusArgs);
    o.printf("submitted job array %s: task %s_I runs shard I of %d%n", job, job, n);
    o.printf("  follow:  squeue -j %s   (sacct -j %s where accounting is on)%n", job, job);
    o.printf("           %s%n", status);
    o.printf("  logs:    %s%n", out.resolve("slurm-" + job + "_I.out"));
    o.printf("  merge:   the last task to finish merges into %s (by hand: tools/ak sweep merge %s)%n",
        out.resolve("results.jsonl"), out);
    o.printf("  resume:  a cancelled or failed task K: scontrol requeue %s_K, or submit again"
        + " (finished cells are skipped)%n", job);
    return 0;
  }

  /** Fetches missing datasets once (not once per task) and verifies every dataset the sweep reads. */
  private static void checkData(PrintWriter o, List<SweepPlan.Task> tasks, Path data) {
    TreeSet<Dataset> used = new TreeSet<>();
    tasks.forEach(t -> used.add(t.config().datasetValue()));
    for (Dataset d : used) {
      Datasets.ensurePresent(data, d, DatasetFetcher.fromEnvironment(o));
      List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(data, d);
      for (DatasetVerifier.FileCheck c : checks) {
        if (!c.ok()) {
          throw new AkException(c.file() + ": " + c.detail() + " (ak data verify --dataset " + d + ")");
        }
      }
      o.printf("data: %s in %s: %d file(s) verified%n", d, DataDir.of(data, d), checks.size());
    }
  }

  /** The checkout holding {@link SlurmArray#SCRIPT}: the nearest directory above the running jar. */
  static Path project() {
    Path from;
    try {
      from = Path.of(SweepSubmitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      throw new AkException("cannot locate the running jar: " + e.getMessage());
    }
    for (Path d = from.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(SlurmArray.SCRIPT))) {
        return d;
      }
    }
    throw new AkException("no " + SlurmArray.SCRIPT + " above " + from + ": run ak from a checkout of the project");
  }

  private static void createDirectories(Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new AkException(out + ": cannot create the results directory: " + e.getMessage());
    }
  }

  /** Runs sbatch and returns the job id it prints. */
  private static String submit(List<String> command) {
    String text;
    int code;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      code = p.waitFor();
    } catch (IOException e) {
      throw new AkException("cannot run sbatch (" + e.getMessage() + "): submit from a Slurm login node, or"
          + " print the line with --dry-run");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AkException("interrupted while waiting for sbatch");
    }
    if (code != 0) {
      throw new AkException("sbatch failed (exit " + code + "): " + text);
    }
    String[] lines = text.split("\\R");
    String last = lines[lines.length - 1].trim();
    if (!last.matches("\\d+(;\\S+)?")) {
      throw new AkException("sbatch printed no job id (expected one with --parsable): " + text);
    }
    return last.split(";")[0];
  }
}
