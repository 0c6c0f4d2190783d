// SPDX-License-Identifier: GPL-2.0-only
// skbext fuzz: generated tapes through the C executor and through the
// TypeScript model. The executor runs in this process, one native call
// per tape (the addon's runTape); the mutation self-test passes a runner
// binary instead (build-c/tape_run_mutN, one process per tape; only the
// repository has those). Any difference in the trace, any leak,
// WARN or slab debug error is a failure. A failing tape is shrunk (ops
// removed one by one while it still fails) and saved.
//
// Two entry points. fuzz() runs in the calling thread until its time or
// tape budget is spent or a tape fails (the test stages use it).
// fuzzJobs() runs N of those loops on worker_threads, each seeded from the
// run's seed, reports progress while they run, and stops them all on the
// first failure or when its AbortSignal fires (`skbext fuzz`, Ctrl-C).
//
// With an output folder, both keep libFuzzer's layout there, so that
// tools/fuzz's tape_fuzzer and this fuzzer can share a corpus:
//   OUT/corpus/<sha1>        binary tapes, each named by the SHA-1 of its bytes
//   OUT/crashes/crash-<sha1> the shrunk failing tape, binary
// A corpus found in OUT/corpus (from either fuzzer) is replayed first;
// later, one tape in four is a corpus tape cut short and continued with
// generated ops. A tape joins the corpus when its trace shows an op answer,
// or an op answer after a given op, that no earlier tape showed.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { genTape, rng } = require('./tape-gen');
const { cacheDir, inRepo } = require('./cache-dir');

const top = path.resolve(__dirname, '..');

/*
 * The addon's executor, checked as tape_run checks it: no object left
 * live, no new warning or debug error. Counted by this thread (stats().thread),
 * so that jobs on other worker_threads do not count. Answers as a tape_run
 * process would (status 0 or 1, the trace, the report); `skbext replay`
 * uses it too.
 */
// threadStats() reads the same counts as stats().thread without building
// the per-cache table (two stats() calls were 30% of a fuzzing run);
// SKBEXT_FUZZ_CHECK=stats checks with stats() as before, to compare.
const threadCounts =
  process.env.SKBEXT_FUZZ_CHECK === 'stats'
    ? (lib) => lib.stats().thread
    : (lib) => (lib.threadStats ? lib.threadStats() : lib.stats().thread);

function runInProcess(lib, bytes, opts = {}) {
  const before = threadCounts(lib);
  const res = lib.runTape(bytes, opts);
  const after = threadCounts(lib);
  if (after.live !== before.live || after.warnings !== before.warnings || after.debugErrors !== before.debugErrors) {
    const all = lib.stats();
    const live = all.caches.filter((c) => c.active).map((c) => `leak: ${c.name} has ${c.active} live objects`);
    return {
      status: 1,
      stdout: res.trace,
      stderr: `${live.join('\n')}\nleft live by the tape: ${after.live - before.live}, warnings: ${after.warnings - before.warnings}, slab debug errors: ${after.debugErrors - before.debugErrors}\n`,
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
  return { ok: true, ops: decoded.ops.length, trace: r.stdout };
}

// Ops removed one by one while the tape still fails. `stop()` cuts it short
// (Ctrl-C): what is left then still fails, only it is not the smallest.
function shrink(lib, runner, file, bytes, stop = () => false) {
  let ops = lib.decodeTape(bytes).ops;
  for (let i = ops.length - 1; i >= 0 && !stop(); i--) {
    const fewer = ops.slice(0, i).concat(ops.slice(i + 1));
    if (!check(lib, runner, file, lib.encodeTape(fewer)).ok) ops = fewer;
  }
  return lib.encodeTape(ops);
}

// Where a shrunk failure goes without an output folder: build-fuzz/findings
// in the repository, the cache folder in an installed copy (node_modules
// may be read-only).
function defaultOut() {
  return inRepo() ? path.join(top, 'build-fuzz', 'findings') : cacheDir('fuzz-findings');
}

const sha1 = (bytes) => crypto.createHash('sha1').update(bytes).digest('hex');

/** Saves `bytes` as OUT/crashes/crash-<sha1> (libFuzzer's name for it); returns the path. */
function saveCrash(out, bytes) {
  const dir = path.join(out, 'crashes');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `crash-${sha1(bytes)}`);
  fs.writeFileSync(file, bytes);
  return file;
}

// What a trace showed: each op's answer, and each answer after the op
// before it (the tape's analogue of an edge). Reads the `#N op ... = ans`
// lines; an answer is its first word (`rx`, not the fields after it).
function features(trace) {
  const out = [];
  let prev = '';
  for (const m of trace.matchAll(/^#\d+ (\S+)(?: .*?)? = (\S+)/gm)) {
    const f = `${m[1]}=${m[2]}`;
    out.push(f, `${prev}>${f}`);
    prev = m[1];
  }
  return out;
}

/**
 * One fuzzing loop: hands out tapes, checks them, keeps what is new in
 * the corpus folder. `step()` runs one tape and answers whether it passed;
 * after a failure `failure` holds the tape and why.
 */
class Fuzzer {
  /**
   * @param {any} lib the package (dist/lib)
   * @param {{ seed: number, runner?: string, corpus?: string }} opts
   */
  constructor(lib, { seed, runner = 'addon', corpus }) {
    this.lib = lib;
    this.runner = runner;
    this.corpus = corpus;
    this.r = rng(seed);
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-fuzz-'));
    this.file = path.join(this.tmp, 'tape');
    this.tapes = 0;
    this.ops = 0;
    this.added = 0;
    /** @type {{ bytes: Uint8Array, why: string } | null} */
    this.failure = null;
    this.seen = new Set();
    /** @type {Uint8Array[]} the corpus's tapes, replayed first, then cut and continued */
    this.entries = [];
    this.queue = [];
    if (corpus) {
      fs.mkdirSync(corpus, { recursive: true });
      for (const name of fs.readdirSync(corpus).sort()) {
        const f = path.join(corpus, name);
        if (fs.statSync(f).isFile()) this.entries.push(fs.readFileSync(f));
      }
      this.queue = this.entries.slice();
    }
  }

  next() {
    if (this.queue.length) return this.queue.shift();
    const r = this.r;
    const gen = genTape(Math.floor(r() * 0x7fffffff), 10 + Math.floor(r() * 60), { kernel: false });
    if (!this.entries.length || r() >= 0.25) return gen;
    // a corpus tape, cut at a random op, continued with generated ops
    const base = this.lib.decodeTape(this.entries[Math.floor(r() * this.entries.length)]).ops;
    const head = this.lib.encodeTape(base.slice(0, Math.floor(r() * (base.length + 1))));
    return Buffer.concat([head, gen]);
  }

  step() {
    const bytes = this.next();
    const res = check(this.lib, this.runner, this.file, bytes);
    this.tapes++;
    this.ops += res.ops;
    if (!res.ok) {
      this.failure = { bytes, why: res.why };
      return false;
    }
    if (this.corpus) {
      let fresh = false;
      for (const f of features(res.trace))
        if (!this.seen.has(f)) {
          this.seen.add(f);
          fresh = true;
        }
      // the corpus's own tapes are replayed first, and never written back
      if (fresh && this.tapes > this.entries.length) {
        const name = path.join(this.corpus, sha1(bytes));
        if (!fs.existsSync(name)) {
          fs.writeFileSync(name, bytes);
          this.added++;
        }
      }
    }
    return true;
  }

  /** Shrinks the failure, saves it in `out`; the failure as fuzz() reports it. */
  report(out, stop) {
    const small = shrink(this.lib, this.runner, this.file, this.failure.bytes, stop);
    const tape = saveCrash(out, small);
    return {
      why: check(this.lib, this.runner, this.file, small).why || this.failure.why,
      tape,
      text: this.lib.tapeToText(this.lib.decodeTape(small).ops),
      opsToFind: this.ops,
      tapesToFind: this.tapes,
    };
  }

  close() {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

function loadLib(runner) {
  const lib = require(path.join(top, 'dist', 'lib'));
  if (runner === 'addon') lib.debug.slab(true);
  // the drivers' netdev_err() and WARN reports are counted, not printed
  lib.debug.consoleLoglevel(1);
  return lib;
}

/**
 * Fuzzes in this thread for `seconds` (or `maxTapes` tapes), stopping at
 * the first failure. With `out`, the shrunk failure goes to
 * OUT/crashes/crash-<sha1>; with `corpus` too, OUT/corpus is read and kept.
 * @param {{ seconds?: number, seed?: number, out?: string, json?: boolean,
 *   runner?: string, maxTapes?: number, quiet?: boolean, corpus?: boolean }} opts
 */
function fuzz({ seconds = 60, seed = 1, out, runner = 'addon', maxTapes = Infinity, corpus = false }) {
  const lib = loadLib(runner);
  const f = new Fuzzer(lib, { seed, runner, corpus: out && corpus ? path.join(out, 'corpus') : undefined });
  const t0 = Date.now();
  let failure = null;
  try {
    while ((Date.now() - t0) / 1000 < seconds && f.tapes < maxTapes) {
      if (f.step()) continue;
      failure = f.report(out || defaultOut());
      break;
    }
  } finally {
    f.close();
  }
  const secs = (Date.now() - t0) / 1000;
  return {
    seed,
    seconds: Number(secs.toFixed(1)),
    tapes: f.tapes,
    ops: f.ops,
    opsPerSecond: Math.round(f.ops / secs),
    divergences: failure ? 1 : 0,
    failure,
    corpusAdded: f.added,
  };
}

// Job i's seed: job 0 runs the run's own seed (so one job is fuzz()'s run),
// the others a mix of it and i (splitmix32's finaliser), never 0.
function jobSeed(seed, i) {
  if (i === 0) return seed;
  let z = (seed + Math.imul(i, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0 || 1;
}

// Shared with the workers: [0] stop (Ctrl-C or time), [1] the job that
// failed first, plus one; then each job's tapes and ops.
const CTL_STOP = 0;
const CTL_WINNER = 1;

/**
 * Fuzzes on `jobs` worker threads. `onProgress` hears the summed counts
 * every `progressMs`; `signal` stops every job (each finishes its tape,
 * a job shrinking a failure keeps what it has shrunk so far). `runner`
 * as fuzz()'s (a tape_run binary instead of the addon, for the tests).
 * @param {{ seconds?: number, seed?: number, jobs?: number, out?: string, runner?: string,
 *   maxTapes?: number, signal?: AbortSignal, progressMs?: number,
 *   onProgress?: (p: { tapes: number, ops: number, seconds: number, opsPerSecond: number, divergences: number }) => void }} opts
 */
function fuzzJobs({
  seconds = 60,
  seed = 1,
  jobs = os.availableParallelism(),
  out,
  runner = 'addon',
  maxTapes = Infinity,
  signal,
  progressMs = 1000,
  onProgress,
}) {
  const { Worker } = require('worker_threads');
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  const counts = new Float64Array(new SharedArrayBuffer(16 * jobs));
  const t0 = Date.now();
  const summed = () => {
    let tapes = 0;
    let ops = 0;
    for (let i = 0; i < jobs; i++) {
      tapes += counts[2 * i];
      ops += counts[2 * i + 1];
    }
    const secs = (Date.now() - t0) / 1000;
    return { tapes, ops, seconds: secs, opsPerSecond: secs > 0 ? Math.round(ops / secs) : 0 };
  };
  let failure = null;
  let error = null;
  let added = 0;
  const stop = () => Atomics.store(ctl, CTL_STOP, 1);
  const onAbort = () => stop();
  if (signal) {
    if (signal.aborted) stop();
    signal.addEventListener('abort', onAbort);
  }
  const timer = onProgress
    ? setInterval(() => onProgress({ ...summed(), divergences: Atomics.load(ctl, CTL_WINNER) ? 1 : 0 }), progressMs)
    : null;
  const runs = [];
  for (let i = 0; i < jobs; i++) {
    // a tape budget is split, so that a run with --tapes runs the same tapes whatever the timing
    const share = maxTapes === Infinity ? Infinity : Math.floor(maxTapes / jobs) + (i < maxTapes % jobs ? 1 : 0);
    const w = new Worker(__filename, {
      workerData: {
        skbextFuzzJob: i,
        seed: jobSeed(seed, i),
        seconds,
        maxTapes: share === Infinity ? -1 : share,
        out,
        runner,
        ctl,
        counts,
      },
    });
    runs.push(
      new Promise((resolve) => {
        w.on('message', (m) => {
          if (m.failure) failure = m.failure;
          added += m.added || 0;
        });
        w.on('error', (e) => {
          error = error || e;
          stop();
        });
        w.on('exit', resolve);
      }),
    );
  }
  return Promise.all(runs).then(() => {
    if (timer) clearInterval(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
    if (error) throw error;
    const s = summed();
    return {
      seed,
      jobs,
      seconds: Number(s.seconds.toFixed(1)),
      tapes: s.tapes,
      ops: s.ops,
      opsPerSecond: s.opsPerSecond,
      divergences: failure ? 1 : 0,
      failure,
      interrupted: !!(signal && signal.aborted),
      corpus: out ? { dir: path.join(out, 'corpus'), added } : null,
    };
  });
}

// One job of fuzzJobs(), in its worker thread.
/** @param {{ skbextFuzzJob: number, seed: number, seconds: number, maxTapes: number, out?: string, runner: string, ctl: Int32Array, counts: Float64Array }} d */
function job({ skbextFuzzJob: i, seed, seconds, maxTapes, out, runner, ctl, counts }) {
  const { parentPort } = require('worker_threads');
  const lib = loadLib(runner);
  const f = new Fuzzer(lib, { seed, runner, corpus: out ? path.join(out, 'corpus') : undefined });
  const t0 = Date.now();
  const budget = maxTapes < 0 ? Infinity : maxTapes;
  try {
    while (f.tapes < budget && (Date.now() - t0) / 1000 < seconds) {
      if (Atomics.load(ctl, CTL_STOP) || Atomics.load(ctl, CTL_WINNER)) break;
      const ok = f.step();
      counts[2 * i] = f.tapes;
      counts[2 * i + 1] = f.ops;
      if (ok) continue;
      // the first job to fail reports; the others stop at their next tape
      if (Atomics.compareExchange(ctl, CTL_WINNER, 0, i + 1) === 0) {
        const failure = f.report(out || defaultOut(), () => Atomics.load(ctl, CTL_STOP) !== 0);
        parentPort.postMessage({ failure: { ...failure, job: i, seed } });
      }
      break;
    }
  } finally {
    f.close();
  }
  parentPort.postMessage({ added: f.added });
}

const wt = require('worker_threads');
if (!wt.isMainThread && wt.workerData && wt.workerData.skbextFuzzJob !== undefined) job(wt.workerData);

module.exports = { fuzz, fuzzJobs, runInProcess, check, jobSeed, Fuzzer };
