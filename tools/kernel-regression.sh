#!/usr/bin/env bash
# Regenerates results/kernel-regression/ (issue 18): is the trained network a kernel regression with
# its final tangent kernel, and how do regressors with the initial, trained and ensemble (infinite-width
# estimate) kernels compare with the network? MNIST, ridgeless regression of +-1 targets.
# Usage: tools/kernel-regression.sh [OUT]   (default results/kernel-regression; models go to OUT/models,
# which is not committed). Threads: AK_THREADS (default 1, leaving a core to other work).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/kernel-regression}"
ak() { "$here/tools/ak" --threads "${AK_THREADS:-1}" "$@"; }
mkdir -p "$out/models"
train_n=2000
test_n=1000

# (1) The paper's networks, Keras defaults (BCE, SGD 0.01, batch 32), 10 epochs on the first 2,000
# 3-vs-8 training images; kernels on the same 2,000 images, 1,000 test images.
for arch in mlp vgg; do
  m="$out/models/$arch-3v8-10ep"
  [ -f "$m/weights.npz" ] || ak train --arch "$arch" --epochs 10 --first "$train_n" --out "$m"
  for k in trained initial; do
    r="$out/$arch-3v8-$k"
    [ -f "$r/regress.json" ] && continue
    flag=(); [ "$k" = initial ] && flag=(--initial)
    ak regress --model "$m" "${flag[@]}" --train-first "$train_n" --test-first "$test_n" --out "$r"
  done
done
# Infinite-width estimates: the mean NTK of 10 MLPs of width 1,000 (4 hidden layers), and of 8 VGGs
# of width 52 (twice the paper's); seeds 1..M.
[ -f "$out/mlp-3v8-ensemble/regress.json" ] || ak regress --arch mlp --width 1000 --ensemble 10 \
  --train-first "$train_n" --test-first "$test_n" --out "$out/mlp-3v8-ensemble"
[ -f "$out/vgg-3v8-ensemble/regress.json" ] || ak regress --arch vgg --width 52 --ensemble 8 \
  --train-first "$train_n" --test-first "$test_n" --out "$out/vgg-3v8-ensemble"

# (2) The silent-alignment setting (configs/silent-alignment/mnist-whitened.json): a 1-hidden-layer
# ReLU MLP of 100 units, no biases, init x0.1, MSE, full-batch GD 500 steps at 0.05, whitened
# MNIST 0-vs-1, P = 1,000.
m="$out/models/sa-mnist-whitened"
[ -f "$m/weights.npz" ] || ak train --arch mlp --hidden 100 --no-bias --init-scale 0.1 --loss mse --whiten zca \
  --batch-size full --lr 0.05 --epochs 500 --classes 0,1 --first 1000 --out "$m"
for k in trained initial; do
  r="$out/sa-mnist-whitened-$k"
  [ -f "$r/regress.json" ] && continue
  flag=(); [ "$k" = initial ] && flag=(--initial)
  ak regress --model "$m" "${flag[@]}" --classes 0,1 --train-first 1000 --test-first "$test_n" --out "$r"
done

# (3) The convolutional-NTK thesis's comparison (../shared/reference/convolutional-ntk-thesis.txt):
# ten-class MNIST, the first 500 training and 500 test images, an MLP of 3 hidden layers of 100 units
# (99,710 parameters). The thesis trains with Adam for 5,000 epochs on cross-entropy; here Keras's SGD
# defaults (lr 0.01, batch 32) on softmax cross-entropy for 5,000 epochs. One-hot ridgeless regression
# with the trained and initial networks' full (10 x 10 blocks) and traced kernels, and with NTK_inf
# estimated by the mean kernel of 10 one-output MLPs of 3 hidden layers of 2,000 (used for every class).
m="$out/models/thesis-mnist10-mlp"
[ -f "$m/weights.npz" ] || ak train --arch mlp --hidden 100,100,100 --classes all --epochs 5000 --first 500 \
  --test-first 500 --out "$m" > /dev/null
cp "$m/train.json" "$out/thesis-mnist10-train.json"   # the network's record (models/ is not committed)
for k in trained initial; do
  for o in full trace; do
    r="$out/thesis-mnist10-$k-$o"
    [ -f "$r/regress.json" ] && continue
    flag=(); [ "$k" = initial ] && flag=(--initial)
    ak regress --model "$m" "${flag[@]}" --classes all --outputs "$o" --train-first 500 --test-first 500 --out "$r"
  done
done
[ -f "$out/thesis-mnist10-ensemble/regress.json" ] || ak regress --arch mlp --hidden 2000,2000,2000 --ensemble 10 \
  --classes all --train-first 500 --test-first 500 --out "$out/thesis-mnist10-ensemble"
# The thesis's own estimate was made with networks of width 200: the same ensemble at that width.
[ -f "$out/thesis-mnist10-ensemble-w200/regress.json" ] || ak regress --arch mlp --hidden 200,200,200 --ensemble 10 \
  --classes all --train-first 500 --test-first 500 --out "$out/thesis-mnist10-ensemble-w200"

ak plot --regress "$out"/mlp-3v8-trained "$out"/mlp-3v8-initial "$out"/vgg-3v8-trained "$out"/vgg-3v8-initial \
  "$out"/sa-mnist-whitened-trained "$out"/sa-mnist-whitened-initial "$out"/thesis-mnist10-trained-full \
  "$out"/thesis-mnist10-initial-full --out "$out/figures"
