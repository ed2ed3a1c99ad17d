#!/usr/bin/env bash
# Runs a sweep as a Slurm job array: each array task runs one shard, then the last one to finish
# merges. Submit it with `tools/ak sweep submit CONFIG.json --slurm` (which checks the sweep and the
# data once, builds the jar and prints how to follow the job), or by hand from the project directory:
#
#   AK_SHARD_COUNT=8 sbatch --array=1-8 tools/slurm-sweep.sh configs/fig01-svm-error-vs-epochs.json
#
# Array task I runs shard I of AK_SHARD_COUNT (without it: SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN
# of SLURM_ARRAY_TASK_COUNT) and appends to results/<sweep>/results.shard-I-of-N.jsonl. When a task
# finishes and every cell of the sweep is recorded, it merges the shard files into results.jsonl, so
# the last task to finish does the merge (also after a requeue). Re-running a task (scontrol requeue
# JOBID_I, sbatch --array=I ..., or the whole array again) resumes: finished cells are skipped. By
# hand: tools/ak sweep merge results/<sweep> && tools/ak sweep summarize results/<sweep>.
#
# The #SBATCH lines are defaults; sbatch options (and ak sweep submit's) override them. AK_THREADS
# defaults to the task's CPUs; ak sweep submit also passes --threads N explicitly (the definition's
# "threads", else --threads or --cpus-per-task), which wins, so results never depend on the CPUs a
# node happens to give (a results folder holds one thread count: ak sweep run refuses to mix).
#SBATCH --job-name=afterkernel-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=24G
#SBATCH --time=7-00:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
config="${1:?usage: sbatch --array=1-N tools/slurm-sweep.sh CONFIG.json [ak sweep run options]}"
shift
# Slurm starts the job in the submit directory (or --chdir); run outside Slurm, use the project's.
if [ -z "${SLURM_JOB_ID:-}" ]; then
  cd "$(dirname "$0")/.."
fi
export AK_THREADS="${SLURM_CPUS_PER_TASK:-${AK_THREADS:-0}}"
# The JVM heap: 3/4 of the task's memory (SLURM_MEM_PER_NODE, in MB) when known.
if [ -z "${AK_JAVA_OPTS:-}" ]; then
  if [ -n "${SLURM_MEM_PER_NODE:-}" ]; then
    AK_JAVA_OPTS="-Xmx$((SLURM_MEM_PER_NODE * 3 / 4))m"
  else
    AK_JAVA_OPTS="-Xmx16g"
  fi
fi
export AK_JAVA_OPTS
# Never build the jar in a task (tasks would build at once in one target/): ak sweep submit built it.
export AK_NO_BUILD=1
echo "slurm-sweep: job ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID:-?} (restart ${SLURM_RESTART_COUNT:-0})" \
  "on $(hostname -s): $AK_THREADS thread(s), $AK_JAVA_OPTS"
exec tools/ak sweep run "$config" --merge-when-complete "$@"
