#!/usr/bin/env bash
# Slurm integration test: .ci/run runs it after the README's test command. Needs root and Debian's
# slurm-wlm, slurmdbd, munge and mariadb-server (.ci/run installs them). It starts a single-node
# Slurm in a temporary directory (tools/ci/slurm-cluster.sh) and, on a small sweep (12 cells in 4
# training tasks, 3 shards; MLPs on 300 MNIST images, epochs 0, 1 and 2, cheap measures):
#   1. runs it in one process: the reference;
#   2. submits it with ak sweep submit --slurm (sbatch --array=1-3 tools/slurm-sweep.sh ...), waits
#      with squeue, checks with sacct that every task completed, that the last task merged the
#      shards, and that the merge equals the reference (ak sweep compare: cells, settings, measures);
#   3. the fault: submits it again, cancels task 1 (scancel) once it has recorded a cell, lets the
#      other tasks finish (they must not merge), requeues task 1 (scontrol requeue): it must skip
#      its finished cells, merge as the last task, and the merge must again equal the reference;
#   4. one task resubmitted alone: shard 2's file and the merge of case 1 are deleted, and task 2
#      is submitted again with the sbatch line ak sweep submit printed, but --array=2: it must run
#      shard 2 of 3 (not 1 of 1), merge, and the merge must equal the reference.
# Daemons are stopped by the pids recorded and the directory removed, also when a step fails.
# Environment: AK_DATA_DIR (default ../shared/data); AK_SLURM_TEST_KEEP=1 keeps the directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
t0=$(date +%s)
log() { echo "slurm-test [$(($(date +%s) - t0))s] $*"; }
fail() { log "FAIL: $*"; exit 1; }
# shellcheck source=tools/ci/slurm-cluster.sh
. tools/ci/slurm-cluster.sh

[ "$(id -u)" = 0 ] || fail "run as root (the test's slurmd runs the jobs as root)"
cluster_check_tools
data="$(cd "${AK_DATA_DIR:-../shared/data}" && pwd)" || fail "no data directory (set AK_DATA_DIR)"
tmp="$(mktemp -d /tmp/ak-slurm-test.XXXXXX)"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  cluster_stop
  if [ "$rc" != 0 ]; then
    cluster_logs
    for f in "$tmp"/*/slurm-*.out; do
      [ -f "$f" ] && { echo "----- $f (last 20 lines)"; tail -n 20 "$f"; }
    done
  fi
  if [ -n "${AK_SLURM_TEST_KEEP:-}" ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
  log "$([ "$rc" = 0 ] && echo PASSED || echo "FAILED (exit $rc)") in $(($(date +%s) - t0)) s"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building the jar (tools/ak)"
tools/ak --version | head -n 1
cluster_start "$tmp"

cat >"$tmp/sweep.json" <<'EOF'
{
  "name": "slurm-ci",
  "description": "CI: MLPs on 300 MNIST 3-vs-8 images, epochs 0 to 2, cheap measures; 4 tasks of 3 cells.",
  "runs": 2,
  "base": {"preset": "mlp", "dataset": "mnist", "minus-class": 3, "plus-class": 8, "seed": 7,
           "train-examples": 300, "test-examples": 80, "train-linear-model": true, "svm-iterations": 40,
           "num-swaps": 40, "ker-alignment-sample-size": 30},
  "cases": [{"width": 8}, {"width": 12, "learning-rate": 0.05}],
  "grid": {"max-num-epochs": [0, 1, 2]}
}
EOF
shard1_cells=6 # shard 1 of 3 owns training tasks 1 and 4 of 4: 6 cells
log "reference: the whole sweep in one process, 1 thread (as each array task)"
AK_JAVA_OPTS=-Xmx2g tools/ak --threads 1 sweep run "$tmp/sweep.json" --out "$tmp/single" --data-dir "$data" |
  tail -n 1

# Submits the sweep into results directory $1 and prints the job id. AK_JAVA_OPTS is unset, so the
# tasks' heap comes from their --mem (tools/slurm-sweep.sh: 3/4 of 3G).
submit() {
  env -u AK_JAVA_OPTS tools/ak sweep submit "$tmp/sweep.json" --slurm --shards 3 --cpus-per-task 1 --mem 3G \
    --time 15:00 --out "$1" --data-dir "$data" >"$1.submit"
  sed 's/^/  /' "$1.submit" >&2
  sed -n 's/^submitted job array \([0-9]*\):.*/\1/p' "$1.submit"
}
queue_empty() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }
state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; } # complete lines of a results file
task_completed() { # sacct: task $2 of array $1 COMPLETED with exit code 0
  sacct -j "$1" -X -n -P -o JobID,State,ExitCode 2>/dev/null | grep -qx "${1}_$2|COMPLETED|0:0"
}
all_completed() { task_completed "$1" 1 && task_completed "$1" 2 && task_completed "$1" 3; }
check_array() { # $1: job id, $2: results directory
  wait_for 30 all_completed "$1" || true
  log "sacct -j $1 -X --duplicates"
  sacct -j "$1" -X --duplicates -o JobID,JobName%12,State,ExitCode,Elapsed,NodeList
  all_completed "$1" || fail "sacct: not every task of array $1 completed with exit code 0"
  [ -f "$2/results.jsonl" ] || fail "no $2/results.jsonl: the last task did not merge"
  grep -h "merged" "$2"/slurm-*.out >"$2.merged" || fail "no task of array $1 logged a merge"
  sed 's/^/  job log: /' "$2.merged"
  grep -qh -- "-Xmx2304m" "$2"/slurm-*.out || fail "the tasks' heap is not 3/4 of --mem 3G"
  tools/ak sweep status "$tmp/sweep.json" --out "$2"
  tools/ak sweep compare "$2/results.jsonl" "$tmp/single/results.jsonl" ||
    fail "the merge of array $1 differs from the single-process run"
}

log "case 1: the sweep as a job array"
job="$(submit "$tmp/array")"
[ -n "$job" ] || fail "no job id from ak sweep submit"
squeue -j "$job"
wait_for 180 queue_empty "$job" || fail "array $job still queued after 180 s: $(squeue -j "$job")"
check_array "$job" "$tmp/array"

log "case 2: task 1 cancelled while it runs, then requeued"
job="$(submit "$tmp/fault")"
shard1="$tmp/fault/results.shard-1-of-3.jsonl"
first_cell_written() { [ "$(state "${job}_1")" = RUNNING ] && [ "$(lines "$shard1")" -ge 1 ]; }
wait_for 120 first_cell_written || fail "task ${job}_1 did not start recording cells"
log "scancel ${job}_1 (running, $(lines "$shard1") cell(s) recorded)"
scancel "${job}_1"
cancelled() { [ "$(state "${job}_1")" = CANCELLED ]; }
wait_for 30 cancelled || fail "task ${job}_1 is $(state "${job}_1"), not CANCELLED"
before="$(lines "$shard1")"
log "task ${job}_1 cancelled with $before of its $shard1_cells cells recorded"
sacct -j "${job}_1" -X -o JobID,JobName%12,State,ExitCode,Elapsed
[ "$before" -lt "$shard1_cells" ] || fail "task ${job}_1 finished before the cancel; the test sweep is too short"
wait_for 180 queue_empty "$job" || fail "array $job still queued after 180 s"
[ ! -f "$tmp/fault/results.jsonl" ] || fail "merged although task ${job}_1 was cancelled"
grep -h "not merging yet" "$tmp"/fault/slurm-*.out >"$tmp/fault.waiting" ||
  fail "tasks 2 and 3 did not log 'not merging yet'"
sed 's/^/  job log: /' "$tmp/fault.waiting"
log "scontrol requeue ${job}_1"
scontrol requeue "${job}_1"
scontrol update JobId="${job}_1" StartTime=now # a requeued job is otherwise held back for 2 minutes
wait_for 180 queue_empty "$job" || fail "requeued task ${job}_1 still queued after 180 s"
log1="$tmp/fault/slurm-${job}_1.out"
grep -E "^slurm-sweep: job|^ran " "$log1" | sed 's/^/  task 1 log: /'
grep -q "(restart 1)" "$log1" || fail "no requeued run (restart 1) in $log1"
grep -q "^ran .*, $before already finished$" "$log1" ||
  fail "the requeued task did not skip its $before finished cell(s): $(grep '^ran ' "$log1" | tail -n 1)"
[ "$(lines "$shard1")" = "$shard1_cells" ] ||
  fail "$shard1 has $(lines "$shard1") lines, expected $shard1_cells (one per cell: none measured twice)"
check_array "$job" "$tmp/fault"

log "case 3: task 2 of case 1 resubmitted alone (sbatch --array=2) after its shard file was lost"
rm "$tmp/array/results.shard-2-of-3.jsonl" "$tmp/array/results.jsonl"
line="$(sed -n 's/^running: //p' "$tmp/array.submit")"
line="${line/--array=1-3/--array=2}"
echo "  $line"
job="$(eval "$line")"
wait_for 120 queue_empty "$job" || fail "job $job still queued after 120 s"
log2="$tmp/array/slurm-${job}_2.out"
grep -E "shard 2/3 -> .*/results.shard-2-of-3.jsonl$" "$log2" | sed 's/^/  task 2 log: /' ||
  fail "task ${job}_2 did not run shard 2/3"
grep -q "^ran 1 task(s): 3 cell(s) done, 0 failed, 0 already finished$" "$log2" ||
  fail "task ${job}_2 did not measure shard 2's 3 cells: $(grep '^ran ' "$log2")"
wait_for 30 task_completed "$job" 2 ||
  fail "sacct: task ${job}_2 did not complete"
sacct -j "$job" -X -o JobID,JobName%12,State,ExitCode,Elapsed
[ -f "$tmp/array/results.jsonl" ] || fail "task ${job}_2 did not merge"
tools/ak sweep compare "$tmp/array/results.jsonl" "$tmp/single/results.jsonl" ||
  fail "the merge after resubmitting task 2 differs from the single-process run"
