#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// The seed corpora of tools/fuzz/build.sh: each hand-written .hex tape
// (seeds/, seeds-mptcp/) as the raw bytes libFuzzer reads, through the
// one hex reader, tools/tape-gen.js's readHexTape.
//   node tools/fuzz/hex-to-bin.js OUTDIR FILE.hex...   writes OUTDIR/FILE
'use strict';
const fs = require('fs');
const path = require('path');
const { readHexTape } = require('../tape-gen');

const [out, ...files] = process.argv.slice(2);
if (!out || !files.length) {
  process.stderr.write('usage: node tools/fuzz/hex-to-bin.js OUTDIR FILE.hex...\n');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
for (const f of files) fs.writeFileSync(path.join(out, path.basename(f, '.hex')), readHexTape(f));
