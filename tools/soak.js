// SPDX-License-Identifier: GPL-2.0-only
// skbext soak: the package under a long mixed load, watched for growth.
//
// WORKERS worker_threads loop, each in turns of about a second on one of:
//   tapes  generated tapes through runTape, each checked against the
//          TypeScript model and for leaks (tools/fuzz.js's Fuzzer);
//   api    random API programs checked against the lifetime model
//          (tools/api-fuzz.js's runApiPrograms);
//   drop   skbs sharing extension blocks, clones and xfrm states made and
//          dropped without free(), then a forced GC: their finalizers
//          must release every one of them (stats().gcLeaks).
// Meanwhile the main thread terminates a random worker every few seconds,
// wherever it is (inside a native call, inside a program), and starts a
// fresh one in its place.
//
// Every SAMPLE seconds (60 by default) it records the resident set, the
// V8 heap and the slab caches (live objects and slabs per cache). It
// fails if
//   - any check of a tape or an API program fails (the first failure is
//     reported with its seed),
//   - the resident set, after the warm-up samples, passes the warm-up's
//     highest by more than max(GROWTH MiB, RATIO of it),
//   - the slabs held, after the warm-up, pass the warm-up's highest by
//     more than the same ratio (a cache that keeps growing),
//   - anything is live, a WARN or a slab debug error is counted, once every
//     worker has stopped and the main thread has collected garbage.
'use strict';
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const wt = require('worker_threads');

const top = path.resolve(__dirname, '..');
const defaultLib = path.join(top, 'dist', 'lib');

// per worker slot, in a SharedArrayBuffer: tapes, ops, api calls, drops, gcs
const SLOT = 5;
const CTL_STOP = 0;

let gcFn = null;
function gc() {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc');
  }
  gcFn();
}

const turn = () => new Promise((r) => setImmediate(r));

/* Collect until the finalizers have run (they run on later turns). */
async function collect() {
  for (let i = 0; i < 4; i++) {
    gc();
    await turn();
  }
}

/**
 * Whether a run's samples stay within their bound. `samples` are what
 * soak() records; the first `warmup` of them set the level. Returns the
 * reasons it does not, empty when it does.
 * @param {{ rssMiB: number, slabs: number }[]} samples
 * @param {{ warmup: number, growthMiB: number, ratio: number }} bound
 */
function judgeSamples(samples, { warmup, growthMiB, ratio }) {
  const why = [];
  if (samples.length <= warmup) return why;
  const warm = samples.slice(0, warmup);
  const rss0 = Math.max(...warm.map((s) => s.rssMiB));
  const slabs0 = Math.max(...warm.map((s) => s.slabs));
  const rssMax = rss0 + Math.max(growthMiB, rss0 * ratio);
  const slabsMax = Math.max(slabs0 * (1 + ratio), slabs0 + 16);
  samples.slice(warmup).forEach((s, i) => {
    const n = warmup + i + 1;
    if (s.rssMiB > rssMax)
      why.push(`sample ${n}: resident ${s.rssMiB.toFixed(1)} MiB passes the bound ${rssMax.toFixed(1)} MiB`);
    if (s.slabs > slabsMax) why.push(`sample ${n}: ${s.slabs} slabs held passes the bound ${Math.floor(slabsMax)}`);
  });
  return why;
}

/**
 * What is left once every worker has stopped: reasons, empty when nothing.
 * @param {{ live: number, warnings: number, debugErrors: number, caches: { name: string, active: number }[] }} end
 * @param {{ warnings: number, debugErrors: number }} start
 */
function judgeEnd(end, start) {
  const why = end.caches.filter((c) => c.active).map((c) => `leak: ${c.name} has ${c.active} live objects`);
  if (end.live && !why.length) why.push(`leak: ${end.live} live objects`);
  if (end.warnings !== start.warnings) why.push(`${end.warnings - start.warnings} WARN_ON()s`);
  if (end.debugErrors !== start.debugErrors) why.push(`${end.debugErrors - start.debugErrors} slab debug errors`);
  return why;
}

function sample(L, t0, counts, workers, events) {
  const s = L.stats();
  const m = process.memoryUsage();
  const total = (k) => {
    let n = 0;
    for (let i = 0; i < workers; i++) n += counts[i * SLOT + k];
    return n;
  };
  return {
    seconds: Math.round((Date.now() - t0) / 1000),
    rssMiB: Number((m.rss / 1048576).toFixed(1)),
    heapMiB: Number((m.heapUsed / 1048576).toFixed(1)),
    live: s.live,
    slabs: s.caches.reduce((n, c) => n + c.numSlabs, 0),
    caches: Object.fromEntries(
      s.caches.filter((c) => c.active || c.numSlabs).map((c) => [c.name, [c.active, c.numSlabs]]),
    ),
    tapes: total(0),
    ops: total(1),
    apiCalls: total(2),
    dropped: total(3),
    gcs: total(4),
    terminations: events.terminations,
  };
}

/**
 * Runs the soak. Resolves with the samples, the counts and `failures`
 * (empty when it passed). `onSample` hears each sample as it is taken.
 * @param {{ minutes?: number, workers?: number, seed?: number, sampleSeconds?: number,
 *   warmup?: number, growthMiB?: number, ratio?: number, terminateSeconds?: number,
 *   lib?: string, signal?: AbortSignal, onSample?: (s: any) => void }} opts
 */
async function soak({
  minutes = 10,
  workers = 4,
  seed = 1,
  sampleSeconds = 60,
  warmup = 1,
  growthMiB = 64,
  ratio = 0.25,
  terminateSeconds = 5,
  lib = defaultLib,
  signal,
  onSample,
} = {}) {
  const L = require(lib);
  L.debug.slab(true);
  L.debug.consoleLoglevel(1);
  const start = L.stats();
  const ctl = new Int32Array(new SharedArrayBuffer(4));
  const counts = new Float64Array(new SharedArrayBuffer(8 * SLOT * workers));
  const events = { terminations: 0, started: 0 };
  /** @type {string[]} */
  const failures = [];
  const tmpDirs = new Set();
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  let mix = seed >>> 0 || 1;
  const next = () => {
    mix = (Math.imul(mix, 1103515245) + 12345) >>> 0;
    return mix;
  };

  /** @type {(import('worker_threads').Worker | null)[]} */
  const slots = new Array(workers).fill(null);
  /** @type {Promise<void>[]} */
  const exits = [];
  const stopAll = () => Atomics.store(ctl, CTL_STOP, 1);
  const start1 = (i) => {
    const w = new wt.Worker(__filename, {
      workerData: { skbextSoakJob: i, seed: next() || 1, lib, ctl, counts },
    });
    events.started++;
    slots[i] = w;
    exits.push(
      new Promise((resolve) => {
        w.on('message', (m) => {
          if (m.tmp) tmpDirs.add(m.tmp);
          if (m.failure) {
            failures.push(`worker ${i} (seed ${m.seed}): ${m.failure}`);
            stopAll();
          }
        });
        w.on('error', (e) => {
          failures.push(`worker ${i}: ${e && e.stack ? e.stack : e}`);
          stopAll();
        });
        w.on('exit', () => {
          if (slots[i] === w) slots[i] = null;
          resolve();
        });
      }),
    );
  };
  for (let i = 0; i < workers; i++) start1(i);

  const onAbort = () => stopAll();
  if (signal) signal.addEventListener('abort', onAbort);
  const samples = [];
  let nextSample = t0 + sampleSeconds * 1000;
  let nextKill = t0 + terminateSeconds * 1000;
  while (Date.now() < end && !Atomics.load(ctl, CTL_STOP)) {
    await new Promise((r) => setTimeout(r, Math.max(10, Math.min(nextSample, nextKill, end) - Date.now())));
    const now = Date.now();
    if (now >= nextKill && now < end && !Atomics.load(ctl, CTL_STOP)) {
      nextKill = now + terminateSeconds * 1000;
      const i = next() % workers;
      const w = slots[i];
      if (w) {
        slots[i] = null;
        await w.terminate();
        events.terminations++;
        start1(i);
      }
    }
    if (now >= nextSample) {
      nextSample += sampleSeconds * 1000;
      const s = sample(L, t0, counts, workers, events);
      samples.push(s);
      if (onSample) onSample(s);
    }
  }
  stopAll();
  if (signal) signal.removeEventListener('abort', onAbort);
  await Promise.all(exits);
  for (const d of tmpDirs) require('fs').rmSync(d, { recursive: true, force: true });
  await collect();
  const last = L.stats();
  const bound = { warmup, growthMiB, ratio };
  failures.push(...judgeSamples(samples, bound), ...judgeEnd(last, start));
  const fin = sample(L, t0, counts, workers, events);
  return {
    seed,
    workers,
    seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
    samples,
    tapes: fin.tapes,
    ops: fin.ops,
    apiCalls: fin.apiCalls,
    dropped: fin.dropped,
    gcs: fin.gcs,
    terminations: events.terminations,
    workersStarted: events.started,
    end: { live: last.live, gcLeaks: last.gcLeaks },
    bound,
    interrupted: !!(signal && signal.aborted),
    failures,
  };
}

/* One worker: turns of tapes, API programs and dropped objects until told to stop. */
async function job({ skbextSoakJob: i, seed, lib, ctl, counts }) {
  const L = require(lib);
  const { Fuzzer } = require('./fuzz');
  const { runApiPrograms } = require('./api-fuzz');
  const { rng } = require('./tape-gen');
  const r = rng(seed);
  const fz = new Fuzzer(L, { seed });
  wt.parentPort.postMessage({ tmp: fz.tmp });
  const c = (k, n) => (counts[i * SLOT + k] += n);
  const fail = (why) => wt.parentPort.postMessage({ failure: why, seed });
  try {
    while (!Atomics.load(ctl, CTL_STOP)) {
      const pick = r();
      const until = Date.now() + 500 + r() * 1000;
      if (pick < 0.4) {
        while (Date.now() < until) {
          const ops = fz.ops;
          const ok = fz.step();
          c(0, 1);
          c(1, fz.ops - ops);
          if (!ok) return fail(`tape failed: ${fz.failure.why}\n${L.tapeToText(L.decodeTape(fz.failure.bytes).ops)}`);
        }
      } else if (pick < 0.8) {
        const res = await runApiPrograms({
          seed: Math.floor(r() * 0x7fffffff) + 1,
          seconds: Math.max(0.1, (until - Date.now()) / 1000),
          lib: L,
        });
        c(2, res.calls);
        if (res.failures.length) return fail(`API program failed: ${JSON.stringify(res.failures[0]).slice(0, 2000)}`);
      } else {
        const n = await dropSome(L, r);
        c(3, n);
        c(4, 1);
      }
      await turn();
    }
  } finally {
    fz.close();
  }
}

/*
 * Objects made and dropped without free(): skbs with extensions, clones
 * sharing their block, a state held by a secpath. A forced GC must
 * release every one (this thread's gcLeaks goes up by as many, and its
 * live count comes back).
 */
async function dropSome(L, r) {
  // what earlier turns left to the collector goes first
  await collect();
  const before = L.stats();
  const n = 1 + Math.floor(r() * 16);
  (() => {
    for (let k = 0; k < n; k++) {
      const s = L.Skb.alloc(128 + Math.floor(r() * 512));
      s.extAdd('MPTCP');
      if (r() < 0.5) s.clone();
      if (r() < 0.3) {
        const x = L.XfrmState.alloc({ spi: 0x100 + k, daddr: '192.0.2.2', saddr: '192.0.2.1', dir: 'in' });
        s.secpathSet().pushState(x);
      }
    }
  })();
  for (let k = 0; k < 8; k++) {
    await collect();
    const now = L.stats();
    if (now.thread.live === before.thread.live) return now.gcLeaks.skbs - before.gcLeaks.skbs;
  }
  const now = L.stats();
  throw new Error(`dropped objects not released by GC: ${now.thread.live - before.thread.live} still live`);
}

if (!wt.isMainThread && wt.workerData && wt.workerData.skbextSoakJob !== undefined)
  job(wt.workerData).catch((e) =>
    wt.parentPort.postMessage({ failure: e && e.stack ? e.stack : String(e), seed: wt.workerData.seed }),
  );

module.exports = { soak, judgeSamples, judgeEnd };
