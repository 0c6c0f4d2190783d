// SPDX-License-Identifier: GPL-2.0-only
// Runs the hand-written seed tapes and N generated ones in the real kernel
// (tools/kernel-oracle/run.sh) and in the port (build-c/tape_run), and
// compares the traces line by line. The first difference of each tape is
// printed with both lines; the tape is kept in build-oracle/diffs/.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { genTape, readHexTape } = require('./tape-gen');

const top = path.resolve(__dirname, '..');

function seedTapes() {
  const dir = path.join(top, 'tools', 'fuzz', 'seeds');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.hex'))
    .map((f) => ({ name: `seed-${path.basename(f, '.hex')}`, bytes: readHexTape(path.join(dir, f)) }));
}

function compare({ tapes, seed, layoutOnly = false }) {
  const work = path.join(top, 'build-oracle');
  const dir = path.join(work, 'tapes');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const all = layoutOnly ? [] : seedTapes();
  for (let i = 0; !layoutOnly && i < tapes; i++) all.push({ name: `gen-${seed}-${String(i).padStart(5, '0')}`, bytes: genTape(seed * 1000003 + i) });
  for (const t of all) fs.writeFileSync(path.join(dir, `${t.name}.tape`), t.bytes);
  // run.sh wants at least one tape
  if (!all.length) fs.writeFileSync(path.join(dir, 'empty.tape'), Buffer.alloc(0));

  const out = path.join(work, 'kernel-traces.txt');
  const t0 = Date.now();
  const r = spawnSync('bash', [path.join(top, 'tools', 'kernel-oracle', 'run.sh'), dir, out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) return { passed: 0, failed: 1, note: 'the kernel run failed' };
  const secs = ((Date.now() - t0) / 1000).toFixed(1);

  const text = fs.readFileSync(out, 'utf8');
  const parts = text.split(/^=== (\S+)\n/m);
  const kernel = new Map();
  for (let i = 1; i < parts.length; i += 2) kernel.set(parts[i], parts[i + 1]);

  let passed = 0;
  let failed = 0;
  const diffs = path.join(work, 'diffs');
  for (const t of all) {
    const k = kernel.get(t.name);
    const mine = spawnSync(path.join(top, 'build-c', 'tape_run'), ['--no-faults', '--no-drivers', '--no-wire', path.join(dir, `${t.name}.tape`)], { encoding: 'utf8' });
    if (k === undefined) {
      failed++;
      console.log(`oracle: ${t.name}: no kernel trace`);
      continue;
    }
    if (k === mine.stdout && mine.status === 0) {
      passed++;
      continue;
    }
    failed++;
    const a = k.split('\n');
    const b = mine.stdout.split('\n');
    const at = a.findIndex((l, i) => l !== b[i]);
    console.log(`oracle: ${t.name}: first difference at trace line ${at + 1}`);
    console.log(`  kernel: ${a[at - 1] ?? ''}\n          ${a[at]}`);
    console.log(`  port:   ${b[at - 1] ?? ''}\n          ${b[at]}`);
    if (mine.stderr) console.log(mine.stderr);
    fs.mkdirSync(diffs, { recursive: true });
    fs.writeFileSync(path.join(diffs, `${t.name}.tape`), t.bytes);
  }
  console.log(`oracle: ${all.length} tapes, ${passed} identical, ${failed} different; kernel run took ${secs} s`);

  const lay = compareLayout(kernel.get('layout') || '');
  return { passed: passed + lay.passed, failed: failed + lay.failed };
}

// Every line of the kernel's layout dump (sizeof, offsetof and size of each
// field, the byte and bits of each bitfield) against build-c/layout_dump,
// the same list compiled against this port's headers.
function compareLayout(kernelLayout) {
  const mine = spawnSync(path.join(top, 'build-c', 'layout_dump'), { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const theirs = kernelLayout.split('\n').filter(Boolean);
  let passed = 0;
  let failed = 0;
  theirs.forEach((line, i) => {
    if (mine[i] === line) passed++;
    else {
      failed++;
      console.log(`oracle layout: kernel '${line}', port '${mine[i]}'`);
    }
  });
  if (mine.length !== theirs.length || theirs.length === 0) {
    failed++;
    console.log(`oracle layout: the kernel printed ${theirs.length} lines, the port ${mine.length}`);
  }
  console.log(`oracle layout: ${passed} of ${theirs.length} lines equal`);
  return { passed, failed };
}

module.exports = { compare, compareLayout };
