#!/usr/bin/env bash
# Runs a sweep as a Slurm job array: each array task runs one shard, then the last one to finish
# merges. Submit from the project directory, e.g. for 8 shards:
#
#   sbatch --array=1-8 tools/slurm-sweep.sh configs/fig01-svm-error-vs-epochs.json
#
# ak reads SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_MIN / SLURM_ARRAY_TASK_COUNT to pick its shard and
# writes results/<sweep>/results.shard-I-of-N.jsonl. Re-submitting the same array resumes: finished
# cells are skipped. Afterwards: tools/ak sweep merge results/<sweep> && tools/ak sweep summarize ...
#
#SBATCH --job-name=afterkernel-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=24G
#SBATCH --time=7-00:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail
config="${1:?usage: sbatch --array=1-N tools/slurm-sweep.sh CONFIG.json [ak sweep run options]}"
shift
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")/..}"
export AK_THREADS="${SLURM_CPUS_PER_TASK:-0}"
export AK_JAVA_OPTS="${AK_JAVA_OPTS:--Xmx16g}"
# Before submitting, build the jar and fetch the data once: tools/ak --version && tools/ak data fetch.
exec tools/ak sweep run "$config" "$@"
