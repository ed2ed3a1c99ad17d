#!/usr/bin/env bash
# Draws the figures of every replication sweep that has results (results/replication/<def>/figures/)
# and one HTML report of the whole tier (results/replication/report.html). Safe to rerun while
# sweeps are still adding cells: figures note the points with fewer runs than the sweep has.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ak() { "$here/tools/ak" --threads "${AK_THREADS:-1}" "$@"; }
declare -A figures=(
  [epochs-mlp]="1 2 3 4 5 6 7" [epochs-vgg]="1 2 3 4 5 6 7" [epochs-mega-vgg]="4 6"
  [learning-rate]="9 10 11 12 13" [augmentation]="8 16" [learning-rate-augmentation]="14" [width]="15")
dirs=()
for def in epochs-mlp epochs-vgg epochs-mega-vgg learning-rate augmentation learning-rate-augmentation width; do
  d="$here/results/replication/$def"
  compgen -G "$d/results*.jsonl" > /dev/null || continue   # results.jsonl or shard files (a sweep run in shards)
  dirs+=("$d")
  for f in ${figures[$def]}; do
    ak plot "$d" --figure "$f" --out "$d/figures" > /dev/null
  done
done
[ ${#dirs[@]} -gt 0 ] && ak report "${dirs[@]}" --configs "$here/configs/replication" --out "$here/results/replication/report.html"
