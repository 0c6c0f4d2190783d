// SPDX-License-Identifier: GPL-2.0-only
// skbext fuzz: generated tapes through the C executor and through the
// TypeScript model. The executor runs in this process, one native call
// per tape (the addon's runTape); the mutation self-test passes a runner
// binary instead (build-c/tape_run_mutN, one process per tape; only the
// repository has those). Any difference in the trace, any leak,
// WARN or slab debug error is a failure. A failing tape is shrunk (ops
// removed one by one while it still fails) and saved in --out.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { genTape, rng } = require('./tape-gen');
const { cacheDir, inRepo } = require('./cache-dir');

const top = path.resolve(__dirname, '..');

/*
 * The addon's executor, checked as tape_run checks it: no live object, no
 * new warning or debug error. Answers as a tape_run process would (status
 * 0 or 1, the trace, the report); `skbext replay` uses it too.
 */
function runInProcess(lib, bytes, opts = {}) {
  const before = lib.stats();
  const res = lib.runTape(bytes, opts);
  const after = lib.stats();
  if (after.live || after.warnings !== before.warnings || after.debugErrors !== before.debugErrors) {
    const live = after.caches.filter((c) => c.active).map((c) => `leak: ${c.name} has ${c.active} live objects`);
    return {
      status: 1,
      stdout: res.trace,
      stderr: `${live.join('\n')}\nwarnings: ${after.warnings - before.warnings}, slab debug errors: ${after.debugErrors - before.debugErrors}\n`,
    };
  }
  return { status: 0, stdout: res.trace, stderr: '' };
}

function check(lib, runner, file, bytes) {
  let r;
  if (runner === 'addon') {
    r = runInProcess(lib, bytes);
  } else {
    fs.writeFileSync(file, bytes);
    r = spawnSync(runner, [file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  }
  const decoded = lib.decodeTape(bytes);
  const want = lib.predictTrace(decoded);
  if (r.status !== 0 && r.status !== 1)
    return {
      ok: false,
      why: `executor died (status ${r.status}, signal ${r.signal})\n${r.stderr}`,
      ops: decoded.ops.length,
    };
  if (r.status === 1) return { ok: false, why: `leak or warning:\n${r.stderr}`, ops: decoded.ops.length };
  if (want !== r.stdout) {
    const a = want.split('\n');
    const b = r.stdout.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    return {
      ok: false,
      why: `trace differs at line ${i + 1}\n  model:    ${a[i - 1]}\n            ${a[i]}\n  executor: ${b[i - 1]}\n            ${b[i]}`,
      ops: decoded.ops.length,
    };
  }
  return { ok: true, ops: decoded.ops.length };
}

function shrink(lib, runner, file, bytes) {
  let ops = lib.decodeTape(bytes).ops;
  for (let i = ops.length - 1; i >= 0; i--) {
    const fewer = ops.slice(0, i).concat(ops.slice(i + 1));
    if (!check(lib, runner, file, lib.encodeTape(fewer)).ok) ops = fewer;
  }
  return lib.encodeTape(ops);
}

// Where a shrunk failure goes without --out: build-fuzz/findings in the
// repository, the cache folder in an installed copy (node_modules may be
// read-only).
function defaultOut() {
  return inRepo() ? path.join(top, 'build-fuzz', 'findings') : cacheDir('fuzz-findings');
}

/**
 * @param {{ seconds?: number, seed?: number, out?: string, json?: boolean,
 *   runner?: string, maxTapes?: number, quiet?: boolean }} opts
 */
function fuzz({ seconds = 60, seed = 1, out, json = false, runner, maxTapes = Infinity, quiet = false }) {
  const lib = require(path.join(top, 'dist', 'lib'));
  runner = runner || 'addon';
  if (runner === 'addon') lib.debug.slab(true);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-fuzz-'));
  const file = path.join(tmp, 'tape');
  const r = rng(seed);
  const t0 = Date.now();
  const tty = process.stderr.isTTY && !json && !quiet;
  let tapes = 0;
  let ops = 0;
  let failure = null;
  while ((Date.now() - t0) / 1000 < seconds && tapes < maxTapes) {
    const bytes = genTape(Math.floor(r() * 0x7fffffff), 10 + Math.floor(r() * 60), { kernel: false });
    const res = check(lib, runner, file, bytes);
    tapes++;
    ops += res.ops;
    if (!res.ok) {
      const small = shrink(lib, runner, file, bytes);
      out = out || defaultOut();
      fs.mkdirSync(out, { recursive: true });
      const base = path.join(out, `failure-seed${seed}-${tapes}`);
      fs.writeFileSync(`${base}.tape`, small);
      fs.writeFileSync(`${base}.txt`, lib.tapeToText(lib.decodeTape(small).ops));
      failure = {
        why: check(lib, runner, file, small).why || res.why,
        tape: `${base}.tape`,
        opsToFind: ops,
        tapesToFind: tapes,
      };
      break;
    }
    if (tty && tapes % 50 === 0) {
      const el = (Date.now() - t0) / 1000;
      const bar = '#'.repeat(Math.round((20 * el) / seconds)).padEnd(20, '.');
      process.stderr.write(
        `\r[${bar}] ${el.toFixed(0)}/${seconds} s  ${tapes} tapes  ${Math.round(ops / el)} ops/s  0 divergences`,
      );
    }
  }
  if (tty) process.stderr.write('\n');
  const secs = (Date.now() - t0) / 1000;
  fs.rmSync(tmp, { recursive: true, force: true });
  return {
    seconds: Number(secs.toFixed(1)),
    tapes,
    ops,
    opsPerSecond: Math.round(ops / secs),
    divergences: failure ? 1 : 0,
    failure,
  };
}

module.exports = { fuzz, runInProcess, check };
