#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// A fuzz-and-replay session: `skbext fuzz` with a fixed seed keeps a corpus
// in libFuzzer's layout; a tape from it is replayed through the public
// API (decode, run in the C executor, predict with the TypeScript model,
// compare); then a tape written by hand, as one would write a finding up,
// is saved and replayed with `skbext replay`.
//
//   node examples/fuzz-and-replay.js [DIR]     (DIR defaults to a temporary folder)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { decodeTape, tapeToText, runTape, predictTrace, parseTapeText, encodeTape } = require('skbext');

const pkg = path.dirname(require.resolve('skbext/package.json'));
const cli = path.join(pkg, require('skbext/package.json').bin.skbext);
const dir = process.argv[2] || fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-session-'));
const skbext = (...args) =>
  execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });

// 1. fuzz: 300 tapes on one job, seed 42, the same tapes every run
const r = JSON.parse(skbext('fuzz', '--seed', '42', '--jobs', '1', '--tapes', '300', '--out', dir, '--json'));
console.log(
  `fuzz: seed ${r.seed}, ${r.tapes} tapes, ${r.divergences} divergences, ${r.corpus.added} tapes kept in corpus/`,
);

// 2. replay one corpus tape through the API: executor and model must agree
const corpus = path.join(dir, 'corpus');
const name = fs.readdirSync(corpus).sort()[0];
const bytes = fs.readFileSync(path.join(corpus, name));
const tape = decodeTape(bytes);
const trace = runTape(bytes).trace;
console.log(
  `replay corpus/${name.slice(0, 12)}...: ${tape.ops.length} ops; executor and model agree: ${trace === predictTrace(tape)}`,
);
console.log(
  tapeToText(tape.ops.slice(0, 3))
    .replace(/^(?=.)/gm, '    ')
    .trimEnd(),
);

// 3. a tape written by hand: the clone shares the block until it writes
const text = `# a clone shares the extension block until it adds an id
alloc s0 64
ext_add s0 BRIDGE_NF
clone s1 s0
ext_add s1 MPTCP
free s0
free s1
`;
const file = path.join(dir, 'finding.tape');
fs.writeFileSync(file, text);
const ops = parseTapeText(text);
console.log(`finding.tape: ${ops.length} ops, ${encodeTape(ops).length} bytes binary`);
process.stdout.write(skbext('replay', '--trace', file).replace(/^(?=.)/gm, '    '));
if (!process.argv[2]) fs.rmSync(dir, { recursive: true, force: true });
