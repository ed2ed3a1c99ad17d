#!/usr/bin/env bash
# Recomputes every verdict of REPLICATION.md from the committed results, by the commands the page
# cites in its rows: `tools/ak sweep summarize DIR --paired '...'` for sweep results, and the
# one-run quantities below (computed with jq from `ak track` and `ak regress` results, judged by
# `tools/ak verdict`, the same rule) for the silent-alignment and kernel-regression sections.
#
#   tools/replication-verdicts.sh            every row: its command(s) and the verdicts they print
#   tools/replication-verdicts.sh --check    the same, compared with the page's verdicts; exit 1 on a difference
#   tools/replication-verdicts.sh NAME       one one-run quantity the page cites (sa-early, sa-direction,
#                                            sa-whitening, kr-final-kernel, kr-thesis-order)
#
# Needs jq (Debian: apt-get install jq) for the one-run quantities. The sweep rows are also checked
# by ReplicationVerdictsTest in `mvn test`, without jq.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
export AK_JAVA_OPTS="${AK_JAVA_OPTS:--Xmx1g}"
page=REPLICATION.md
token_re='(not reproduced|reproduced|inconclusive|consistent \([0-9]+ runs?\)|contrary \([0-9]+ runs?\)|not measured) \[n=[^]]*\]'

sa=results/silent-alignment
kr=results/kernel-regression
# The end of the silent phase: the first record where the training loss has made 10 % of its fall
# (from the first record's to the last's). afrac: the share of the kernel-target alignment's rise
# (to its largest value) made by then; dfrac: the share of the kernel's turn towards the final
# kernel, A(K_t, K_T) from A(K_0, K_T) to 1, made by then.
silent='def silent: . as $r | $r[0] as $f | $r[-1] as $l
  | first($r[] | select(($f.train_loss - .train_loss) >= 0.1 * ($f.train_loss - $l.train_loss)));
def afrac: .[0] as $f | ([.[].target_alignment] | max) as $m | silent
  | (.target_alignment - $f.target_alignment) / ($m - $f.target_alignment);
def dfrac: .[0] as $f | silent | (.final_alignment - $f.final_alignment) / (1 - $f.final_alignment);'

need_jq() {
  command -v jq >/dev/null || { echo "replication-verdicts: jq is needed for $1 (Debian: apt-get install jq)" >&2; exit 2; }
}

# regress.json field $2 of run $1
field() { jq -r "$2" "$kr/$1/regress.json"; }
diff_of() { jq -n "$1 - $2"; }

one_run() {
  need_jq "$1"
  case "$1" in
    sa-early)  # the alignment with the target made most (> 0.5) of its rise while the loss has hardly moved
      for c in mnist-whitened cifar10-whitened; do
        tools/ak verdict --above 0.5 "$(jq -s "$silent afrac" "$sa/$c/records.jsonl")"
      done ;;
    sa-direction)  # "afterwards only grows in scale": at most a tenth of the kernel's turn left
      for c in mnist-whitened cifar10-whitened; do
        tools/ak verdict --above 0.9 "$(jq -s "$silent dfrac" "$sa/$c/records.jsonl")"
      done ;;
    sa-whitening)  # weaker without whitening: less of the alignment's rise made in the silent phase
      tools/ak verdict --below 0 "$(jq -n --slurpfile u "$sa/mnist-unwhitened/records.jsonl" \
        --slurpfile w "$sa/mnist-whitened/records.jsonl" "$silent (\$u | afrac) - (\$w | afrac)")" ;;
    kr-final-kernel)  # the trained kernel's regressor is closer to the network than the initial one's (Pearson)
      for k in sa-mnist-whitened mlp-3v8 vgg-3v8; do
        tools/ak verdict --above 0 "$(diff_of "$(field "$k-trained" .results.network.pearson)" \
          "$(field "$k-initial" .results.network.pearson)")"
      done
      tools/ak verdict --above 0 "$(diff_of "$(field thesis-mnist10-trained-full .results.network.pearsonWithProbabilities)" \
        "$(field thesis-mnist10-initial-full .results.network.pearsonWithProbabilities)")" ;;
    kr-thesis-order)  # the thesis's ordering by test error: network < trained kernel < infinite-width estimate
      for k in mlp-3v8 vgg-3v8 thesis-mnist10; do
        trained="$k-trained"
        [ "$k" = thesis-mnist10 ] && trained=thesis-mnist10-trained-full
        tools/ak verdict --above 0 "$(diff_of "$(field "$trained" .results.testError)" \
          "$(field "$trained" .results.network.testError)")"
        tools/ak verdict --above 0 "$(diff_of "$(field "$k-ensemble" .results.testError)" \
          "$(field "$trained" .results.testError)")"
      done ;;
    *) echo "replication-verdicts: no quantity '$1' (expected sa-early, sa-direction, sa-whitening," \
         "kr-final-kernel or kr-thesis-order)" >&2; exit 2 ;;
  esac
}

if [ $# -eq 1 ] && [ "$1" != --check ]; then
  one_run "$1"
  exit 0
fi
check=0
[ "${1:-}" = --check ] && check=1
[ $# -le 1 ] || { echo "usage: tools/replication-verdicts.sh [--check | NAME]" >&2; exit 2; }

rows=0
bad=0
while IFS= read -r row; do
  mapfile -t cmds < <(grep -oE '`tools/(ak sweep summarize|replication-verdicts\.sh) [^`]*`' <<<"$row" | tr -d '`')
  [ ${#cmds[@]} -gt 0 ] || continue
  rows=$((rows + 1))
  claim="$(cut -d'|' -f2 <<<"$row" | sed -E 's/^ +//; s/ +$//' | cut -c1-100)"
  echo "== $claim"
  got=""
  for c in "${cmds[@]}"; do
    echo "\$ $c"
    out="$(eval "$c" | grep -v '^paired by run')"
    echo "$out"
    got+="$(grep -oE "$token_re" <<<"$out" || true)"$'\n'
  done
  if [ $check = 1 ]; then
    want="$(sed -E 's/`tools\/[^`]*`//g' <<<"$row" | grep -oE "$token_re" || true)"
    if [ "$(grep -v '^$' <<<"$got")" != "$want" ]; then
      echo "!! the page's verdicts differ from the commands': page:" >&2
      echo "$want" >&2
      bad=$((bad + 1))
    fi
  fi
done < <(grep -E '^\|' "$page")
echo "$rows row(s) recomputed"
if [ $check = 1 ]; then
  [ $bad -eq 0 ] || { echo "replication-verdicts: $bad row(s) of $page differ from their commands" >&2; exit 1; }
  echo "every verdict of $page equals its command's"
fi
