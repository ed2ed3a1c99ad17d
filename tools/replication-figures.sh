#!/usr/bin/env bash
# Draws the figures of every replication sweep that has results (results/replication/<def>/figures/)
# and one HTML report of the whole tier (results/replication/report.html). Safe to rerun while
# sweeps are still adding cells: figures note the points with fewer runs than the sweep has.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"   # relative paths: the committed report names no machine's folders
ak() { tools/ak --threads "${AK_THREADS:-1}" "$@"; }
declare -A figures=(
  [epochs-mlp]="1 2 3 4 5 6 7" [epochs-vgg]="1 2 3 4 5 6 7" [epochs-vgg-100k]="1 2 3 4 5 6 7" [epochs-mega-vgg]="4 6"
  [learning-rate]="9 10 11 12 13" [augmentation]="8 16" [learning-rate-augmentation]="14" [width]="15")
dirs=()
# <def>-jst1: the tier's earlier results, measured with the capped JST1 SVM, kept apart (REPLICATION.md)
for dir in epochs-mlp epochs-mlp-jst1 epochs-vgg epochs-vgg-jst1 epochs-vgg-100k epochs-mega-vgg learning-rate learning-rate-jst1 \
  augmentation augmentation-jst1 learning-rate-augmentation width; do
  def="${dir%-jst1}"
  d="results/replication/$dir"
  compgen -G "$d/results*.jsonl" > /dev/null || continue   # results.jsonl or shard files (a sweep run in shards)
  dirs+=("$d")
  # Drawn afresh into a new folder, then swapped in: a figure whose panels changed (a task landed)
  # leaves no stale file behind, and an interrupted run leaves the old figures.
  rm -rf "$d/figures.new"
  # --runs: the definition's, so that a point with fewer runs is noted also when one run is all
  # there is (lines written before sweeps recorded sweepRuns do not say it).
  definition="configs/replication/$def.json"
  [ -f "$d/definition.json" ] && definition="$d/definition.json"
  runs=$(sed -n 's/^ *"runs": *\([0-9]*\),*$/\1/p' "$definition")
  for f in ${figures[$def]}; do
    ak plot "$d" --figure "$f" --runs "$runs" --out "$d/figures.new" > /dev/null
  done
  rm -rf "$d/figures" && mv "$d/figures.new" "$d/figures"
done
[ ${#dirs[@]} -gt 0 ] && ak report "${dirs[@]}" --configs configs/replication --out results/replication/report.html
