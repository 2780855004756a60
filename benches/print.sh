#!/usr/bin/env bash
# Print packs against the number of documents: the example campaign with its sections copied
# N-1 more times (N x the leaflets), built once with leaflets only and once with booklets only.
# Prints PDF pages per second and the peak memory of each build; memory should not grow with
# the number of leaflets.
#
#   benches/print.sh            # N = 1 3 6 11
#   SIZES="1 11" benches/print.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin=${CARGO_TARGET_DIR:-$repo/target}/release/herald
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-4s %-9s %6s %6s %8s %10s %10s\n' N kind pdfs pages seconds "pages/s" "peak MiB"
for n in ${SIZES:-1 3 6 11}; do
  d=$work/x$n
  mkdir -p "$d"
  cp -r "$repo/campaign.yaml" "$repo/content" "$repo/locales" "$repo/themes" "$d/"
  for k in $(seq 2 "$n"); do
    for l in "$d"/content/*/; do
      [ "$(basename "$l")" = assets ] && continue
      for s in "$l"*/; do
        case $s in *-[0-9]*/) continue ;; esac
        cp -r "$s" "${s%/}-$k"
      done
    done
  done
  for kind in leaflets booklets; do
    if [ $kind = leaflets ]; then opts="booklet: false, leaflets: true"; else opts="booklet: true, leaflets: false"; fi
    sed -i -E "s/^print: \{ paper: a4[^}]*\}/print: { paper: a4, $opts }/" "$d/campaign.yaml"
    rm -rf "$d/output"
    log=$(/usr/bin/time -f "peak %M" "$bin" build --root "$d" 2>&1)
    line=$(grep -E '^Printed' <<<"$log")
    pdfs=$(sed -E 's/^Printed ([0-9]+) PDFs.*/\1/' <<<"$line")
    pages=$(sed -E 's/.* ([0-9]+) pages.*/\1/' <<<"$line")
    secs=$(sed -E 's/.* in ([0-9.]+) s$/\1/' <<<"$line")
    peak=$(grep -E '^peak' <<<"$log" | awk '{print $2}')
    awk -v n="$n" -v k="$kind" -v d="$pdfs" -v p="$pages" -v s="$secs" -v m="$peak" \
      'BEGIN { printf "%-4s %-9s %6d %6d %8.2f %10.0f %10.0f\n", n, k, d, p, s, p / s, m / 1024 }'
  done
done
