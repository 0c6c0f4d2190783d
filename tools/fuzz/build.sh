#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the libFuzzer targets, OSS-Fuzz / ClusterFuzzLite style: honours
# $CC, $CFLAGS, $LIB_FUZZING_ENGINE and $OUT when they are set, and
# otherwise builds locally with clang into build-fuzz/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
OUT=${OUT:-$top/build-fuzz}
CC=${CC:-clang}
CFLAGS=${CFLAGS:--O1 -g -gdwarf-4 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}

mkdir -p "$OUT"
# the config: $SKBEXT_CONFIG (tools/kconfig.js), default debian
config_inc=$top/$(node "$top/tools/kconfig.js" --include-dir)
# Every group of csrc/sources.txt but the binding's, as skbcore: the
# drivers too, since the tape's drv_* ops run their Rx and Tx hooks.
mapfile -t core < <(node "$top/tools/gyp-sources.js" --except napi | sed "s|^|$top/|")
[ "${#core[@]}" -gt 0 ] || { echo "build.sh: no sources from csrc/sources.txt" >&2; exit 1; }

# shellcheck disable=SC2086
$CC -std=gnu11 $CFLAGS $LIB_FUZZING_ENGINE -I"$config_inc" -I"$top/csrc/include" \
	"${core[@]}" "$here/tape_fuzzer.c" -o "$OUT/tape_fuzzer"

# The seed corpus: hand-written tapes, kept as commented hex.
node "$here/hex-to-bin.js" "$OUT/tape_fuzzer_seed_corpus" "$here"/seeds/*.hex
(cd "$OUT" && rm -f tape_fuzzer_seed_corpus.zip &&
	python3 -m zipfile -c tape_fuzzer_seed_corpus.zip tape_fuzzer_seed_corpus/)
echo "built $OUT/tape_fuzzer"

# The MPTCP DSS option parser: raw option bytes and whole segments.
# shellcheck disable=SC2086
$CC -std=gnu11 $CFLAGS $LIB_FUZZING_ENGINE -I"$config_inc" -I"$top/csrc/include" \
	"${core[@]}" "$here/mptcp_options_fuzzer.c" -o "$OUT/mptcp_options_fuzzer"

node "$here/hex-to-bin.js" "$OUT/mptcp_options_fuzzer_seed_corpus" \
	"$here"/seeds-mptcp/*.hex
(cd "$OUT" && rm -f mptcp_options_fuzzer_seed_corpus.zip &&
	python3 -m zipfile -c mptcp_options_fuzzer_seed_corpus.zip \
		mptcp_options_fuzzer_seed_corpus/)
echo "built $OUT/mptcp_options_fuzzer"
