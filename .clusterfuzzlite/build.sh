#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
# ClusterFuzzLite / OSS-Fuzz build: the libFuzzer targets of tools/fuzz
# (the tape executor, the MPTCP option parser) into $OUT, each with its
# seed corpus (<name>_seed_corpus.zip), its dictionary (<name>.dict) and
# its options (<name>.options). Follows the build contract: $CC, $CFLAGS
# and $LIB_FUZZING_ENGINE from the engine, $SRC, $WORK, $OUT. Needs bash,
# python3 and the compiler only (no node in the builder image): the
# sources come from csrc/sources.txt, read here as tools/kernel-oracle's
# Kbuild reads it. `node tools/run-tests.js cflite` runs this script
# without Docker, as the engine would (docs/testing.md).

top=${SKBEXT_SRC:-$SRC/skbext}
WORK=${WORK:-$(mktemp -d)}
cfg=$top/csrc/configs/${SKBEXT_CONFIG:-debian}

# every group but the binding's (napi), as tools/fuzz/build.sh builds them
mapfile -t core < <(awk '!/^#/ && NF == 2 && $1 != "napi" { print $2 }' \
	"$top/csrc/sources.txt" | sed "s|^|$top/csrc/|")
[ "${#core[@]}" -gt 0 ] || { echo "build.sh: no sources in csrc/sources.txt" >&2; exit 1; }

inc=(-I"$cfg" -I"$top/csrc/include")

# The core once, as objects in $WORK, linked into each target.
objs=()
for src in "${core[@]}"; do
	obj=$WORK/skbcore/${src#"$top/csrc/"}.o
	mkdir -p "$(dirname "$obj")"
	# shellcheck disable=SC2086
	$CC -std=gnu11 $CFLAGS "${inc[@]}" -c "$src" -o "$obj"
	objs+=("$obj")
done

# The dictionaries come from the tables themselves: a plain build of the
# core (no sanitizer, no coverage) with tools/fuzz/fuzz_dict.c prints them.
$CC -std=gnu11 -O0 -w "${inc[@]}" "${core[@]}" "$top/tools/fuzz/fuzz_dict.c" \
	-o "$WORK/fuzz_dict"

# A hex seed (tools/fuzz/seeds*/NAME.hex, '#' comments) as raw bytes.
seed_zip() {
	local name=$1 dir=$2
	python3 - "$OUT/${name}_seed_corpus.zip" "$dir"/*.hex <<'PY'
import os, sys, zipfile
out, files = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(out, 'w') as z:
    for f in files:
        hexd = ''.join(l.split('#')[0] for l in open(f)).split()
        z.writestr(os.path.basename(f)[:-4], bytes.fromhex(''.join(hexd)))
PY
}

for t in tape:tape_fuzzer:seeds mptcp:mptcp_options_fuzzer:seeds-mptcp; do
	IFS=: read -r kind name seeds <<<"$t"
	# shellcheck disable=SC2086
	$CC -std=gnu11 $CFLAGS "${inc[@]}" -c "$top/tools/fuzz/$name.c" \
		-o "$WORK/$name.o"
	# shellcheck disable=SC2086
	$CXX $CXXFLAGS "$WORK/$name.o" "${objs[@]}" $LIB_FUZZING_ENGINE \
		-o "$OUT/$name"
	"$WORK/fuzz_dict" "$kind" >"$OUT/$name.dict"
	seed_zip "$name" "$top/tools/fuzz/$seeds"
	printf '[libfuzzer]\ndict = %s.dict\nmax_len = 4096\n' "$name" \
		>"$OUT/$name.options"
	echo "built $OUT/$name"
done
