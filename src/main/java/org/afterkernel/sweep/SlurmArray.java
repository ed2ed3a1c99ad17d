package org.afterkernel.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.afterkernel.AkException;

/**
 * The {@code sbatch} command that runs a sweep as a Slurm job array: array task I (1..N) runs
 * shard I of N with {@code tools/slurm-sweep.sh}, which writes {@code
 * results.shard-I-of-N.jsonl} in the results directory and, in the last task to finish, merges the
 * shards into {@code results.jsonl}. Paths are absolute, so the job runs the same from any
 * directory; {@code AK_SHARD_COUNT=N} is exported, so a task resubmitted alone ({@code sbatch
 * --array=K ...}) still runs shard K of N. Resources not given keep the script's {@code #SBATCH}
 * defaults. Every task gets an explicit {@code --threads}, so results do not depend on the CPUs a
 * node happens to give.
 *
 * @param project the project checkout (holding {@code tools/slurm-sweep.sh} and the built jar)
 * @param config the sweep file
 * @param name the sweep's name (the job is named {@code ak-<name>})
 * @param out the results directory (the tasks' logs go there too)
 * @param dataDir the data directory the tasks read
 * @param shards the number of array tasks
 * @param partition the partition, or null for the cluster's default
 * @param time the time limit of a task ({@code [D-]HH:MM:SS}, minutes, ...), or null
 * @param cpusPerTask CPUs of a task (its TensorFlow threads), or null
 * @param mem memory of a task ({@code 16G}, {@code 4000M}, ...), or null
 * @param extra further {@code sbatch} options, passed as given (e.g. {@code --account=lab})
 * @param runs runs per setting instead of the definition's ({@code ak sweep run --runs}), or null
 * @param threads the TensorFlow threads every task runs with ({@code --threads}), whatever CPUs
 *     the cluster gives it: results move in their last digits with the thread count
 */
public record SlurmArray(Path project, Path config, String name, Path out, Path dataDir, int shards,
    String partition, String time, Integer cpusPerTask, String mem, List<String> extra, Integer runs, int threads) {

  /** The batch script, relative to the project. */
  public static final String SCRIPT = "tools/slurm-sweep.sh";

  /** The CPUs per task of the script's {@code #SBATCH} defaults. */
  public static final int SCRIPT_CPUS = 8;

  private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d+(:\\d+){0,2}|UNLIMITED|INFINITE");
  private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
  private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*");

  /** Validates the resources, naming the option of a bad value. */
  public SlurmArray {
    if (shards < 1) {
      throw new AkException("--shards is " + shards + ", expected >= 1");
    }
    if (partition != null && !PARTITION.matcher(partition).matches()) {
      throw new AkException("--partition is '" + partition + "', expected a partition name (or names, comma-separated)");
    }
    if (time != null && !TIME.matcher(time).matches()) {
      throw new AkException("--time is '" + time + "', expected minutes, [D-]HH:MM:SS, D-HH or MM:SS");
    }
    if (cpusPerTask != null && cpusPerTask < 1) {
      throw new AkException("--cpus-per-task is " + cpusPerTask + ", expected >= 1");
    }
    if (mem != null && !MEM.matcher(mem).matches()) {
      throw new AkException("--mem is '" + mem + "', expected a size such as 16G or 4000M");
    }
    extra = List.copyOf(extra);
    if (runs != null && runs < 1) {
      throw new AkException("--runs is " + runs + ", expected >= 1");
    }
    if (threads < 1) {
      throw new AkException("threads is " + threads + ", expected >= 1");
    }
  }

  /**
   * The thread count of a submitted sweep: the definition's {@code threads}, else {@code --threads}
   * when given (and not 0), else the CPUs per task (given, or the script's {@value #SCRIPT_CPUS}).
   */
  public static int threads(Integer definition, int option, Integer cpusPerTask) {
    if (definition != null) {
      return definition;
    }
    if (option > 0) {
      return option;
    }
    return cpusPerTask != null ? cpusPerTask : SCRIPT_CPUS;
  }

  /** The command line, ready to run: {@code sbatch --parsable ... tools/slurm-sweep.sh CONFIG ...}. */
  public List<String> command() {
    List<String> c = new ArrayList<>(List.of("sbatch", "--parsable", "--array=1-" + shards, "--job-name=ak-" + name,
        "--chdir=" + project, "--output=" + out.resolve("slurm-%A_%a.out")));
    if (partition != null) {
      c.add("--partition=" + partition);
    }
    if (time != null) {
      c.add("--time=" + time);
    }
    if (cpusPerTask != null) {
      c.add("--cpus-per-task=" + cpusPerTask);
    }
    if (mem != null) {
      c.add("--mem=" + mem);
    }
    c.add("--export=ALL,AK_SHARD_COUNT=" + shards);
    c.addAll(extra);
    c.addAll(List.of(project.resolve(SCRIPT).toString(), config.toString(), "--out", out.toString(), "--data-dir",
        dataDir.toString()));
    if (runs != null) {
      c.addAll(List.of("--runs", runs.toString()));
    }
    c.addAll(List.of("--threads", Integer.toString(threads)));
    return c;
  }

  /** {@code args} as one line a POSIX shell reads back as the same words. */
  public static String shellLine(List<String> args) {
    StringBuilder b = new StringBuilder();
    for (String a : args) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(a.matches("[A-Za-z0-9_/.,:=%@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }
}
