package org.afterkernel.sweep;

import java.util.Map;
import org.afterkernel.AkException;

/**
 * Which part of a sweep this process runs: shard {@code index} (0-based) of {@code count}, taking
 * every {@code count}-th task. From {@code --shard I/N} (1-based I), else from the environment of a
 * Slurm job array, a Kubernetes Indexed Job ({@code JOB_COMPLETION_INDEX} of {@code
 * AK_SHARD_COUNT}) or {@code AK_SHARD=I/N}; else the whole sweep.
 *
 * <p>In a Slurm array the shard is {@code SLURM_ARRAY_TASK_ID} of {@code AK_SHARD_COUNT} when that
 * is set ({@code ak sweep submit} sets it; array ids are then the 1-based shard numbers, so
 * resubmitting one task with {@code sbatch --array=K} runs shard K), else {@code
 * SLURM_ARRAY_TASK_ID} minus {@code SLURM_ARRAY_TASK_MIN} of {@code SLURM_ARRAY_TASK_COUNT} (right
 * only for a whole array of consecutive ids).
 */
public record Shard(int index, int count) {

  /** The whole sweep. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new AkException("shard " + (index + 1) + "/" + count + " does not exist (expected 1.." + count + ")");
    }
  }

  /** Parses {@code I/N} with 1 <= I <= N. */
  public static Shard parse(String text, String source) {
    String[] p = text.trim().split("/");
    try {
      if (p.length == 2) {
        return new Shard(Integer.parseInt(p[0].trim()) - 1, Integer.parseInt(p[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new AkException(source + ": shard '" + text + "' is not I/N (e.g. 2/8, 1-based)");
  }

  /** The shard from {@code --shard} (may be null), else from the environment. */
  public static Shard resolve(String option, Map<String, String> env) {
    if (option != null) {
      return parse(option, "--shard");
    }
    if (env.containsKey("SLURM_ARRAY_TASK_ID") && env.containsKey("AK_SHARD_COUNT")) {
      int id = number(env, "SLURM_ARRAY_TASK_ID");
      int count = number(env, "AK_SHARD_COUNT");
      if (id < 1 || id > count) {
        throw new AkException("SLURM_ARRAY_TASK_ID is " + id + ", expected a shard number 1.." + count
            + " (AK_SHARD_COUNT=" + count + "; submit --array=1-" + count + ")");
      }
      return new Shard(id - 1, count);
    }
    if (env.containsKey("SLURM_ARRAY_TASK_ID") && env.containsKey("SLURM_ARRAY_TASK_COUNT")) {
      int id = number(env, "SLURM_ARRAY_TASK_ID");
      int min = env.containsKey("SLURM_ARRAY_TASK_MIN") ? number(env, "SLURM_ARRAY_TASK_MIN") : 0;
      return new Shard(id - min, number(env, "SLURM_ARRAY_TASK_COUNT"));
    }
    if (env.containsKey("JOB_COMPLETION_INDEX") && env.containsKey("AK_SHARD_COUNT")) {
      return new Shard(number(env, "JOB_COMPLETION_INDEX"), number(env, "AK_SHARD_COUNT"));
    }
    if (env.containsKey("AK_SHARD")) {
      return parse(env.get("AK_SHARD"), "AK_SHARD");
    }
    return ALL;
  }

  private static int number(Map<String, String> env, String name) {
    try {
      return Integer.parseInt(env.get(name).trim());
    } catch (NumberFormatException e) {
      throw new AkException("environment variable " + name + " is '" + env.get(name) + "', expected an integer");
    }
  }

  /** True when task number {@code taskIndex} belongs to this shard. */
  public boolean owns(int taskIndex) {
    return taskIndex % count == index;
  }

  /** The results file name of this shard. */
  public String fileName() {
    return count == 1 ? "results.jsonl" : String.format("results.shard-%d-of-%d.jsonl", index + 1, count);
  }

  @Override
  public String toString() {
    return (index + 1) + "/" + count;
  }
}
