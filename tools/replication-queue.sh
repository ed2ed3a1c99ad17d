#!/usr/bin/env bash
# The replication tier's queue (issue 26), in priority order: each definition to the end, then the
# next. Start one worker per core (they share each results folder: cells are claimed, so no cell is
# computed twice) and stop them at any moment; a worker started later resumes where they stopped.
#
#   tools/replication-queue.sh &   tools/replication-queue.sh &
#
# Every definition fixes "threads": 1, so the results do not depend on the machine's cores. Set
# AK_NO_BUILD=1 to run a jar built beforehand (tools/ak --version builds it): a worker must not see
# the jar rebuilt under it. REPLICATION.md says what each definition has measured so far.
#
# Memory: a VGG CIFAR-10 cell peaks at about 12.4 GB resident with a 9 GB heap (TensorFlow's native
# buffers come on top), an MNIST VGG cell at about 8.5 GB; on a 24 GB machine two workers leave no
# room for a test run beside them (the kernel's OOM killer ended one on 2026-12-04). Set
# AK_JAVA_OPTS (e.g. -Xmx9g) per worker accordingly. A mega-VGG cell peaks at 12.6 GB: beside it a
# CIFAR-10 VGG cell does not fit (the OOM killer ended a worker so on 2026-12-04, session 4); while
# mega-VGG runs, start the second worker only on MNIST work or not at all.
# Its heap: the landed mega-VGG cells ran with -Xmx9g; a cell run at -Xmx6g (session 5) ran out of
# Java heap in the conjugate kernel's SVM after 1.5 h (its Newton step over 11,662 features held up
# to 4.9 GB; it now holds at most 2.2 GB, docs/solvers.md), and the one beside it, bound to fail
# the same way, was stopped: give a mega-VGG worker -Xmx9g until a cell has landed with less.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${AK_REPLICATION_OUT:-$here/results/replication}"
# Each entry: a definition, then `--where` conditions that pick a part of it (issue 26's order: the
# MLP's learning rates with the exact SVM, then one run of VGG's affordable rates, then one run of
# augmentation, then one low rate measured for the cluster table, then everything else).
queue=(
  "epochs-vgg"                     # figures 1-7, VGG, 3 runs of MNIST 3-vs-8, 5-vs-6 and CIFAR-10
  "epochs-mlp"                     # figures 1-7, MLP, 3 runs (9 min here)
  "epochs-mega-vgg"                # figures 4 and 6, 1 run
  "epochs-vgg-100k"                # the paper's "about 100K parameters": one trajectory per task
  "learning-rate --where preset=mlp"                                          # figures 9-13, the MLP
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.1"  # VGG, MNIST
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.03" # VGG, MNIST and CIFAR-10
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.01" # VGG, MNIST and CIFAR-10
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.02" # VGG, CIFAR-10
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.04"
  "augmentation --where run=0"     # figures 8 and 16, one run
  "learning-rate --where run=0 --where preset=vgg --where learning-rate=0.003 --where minus-class=3"  # a low rate: its cost
  "augmentation"
  "learning-rate"                  # the rest: VGG's runs 1-2 and low rates (hundreds of epochs each)
)
for entry in "${queue[@]}"; do
  read -r def where <<< "$entry"
  echo "== $(date -u +%FT%TZ) $entry"
  # shellcheck disable=SC2086  # $where: the entry's --where words
  "$here/tools/ak" sweep run "$here/configs/replication/$def.json" $where --out "$out/$def"
  rc=$?
  echo "== $(date -u +%FT%TZ) $entry: exit $rc"
  # A worker that failed (killed, say) goes on with the next entry; the other workers, or a
  # later start of this script, take over the cells it left: their claims end with its process.
done
