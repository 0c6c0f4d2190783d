// SPDX-License-Identifier: GPL-2.0-only
// skbext bench, the JavaScript side: what a call through Node-API costs,
// and what a tape (many ops in one native call) costs, next to the same
// kernel calls in a plain C loop (csrc/napi/bench.cc).
//
//   require('./bench/js').run({ quick }) -> results (tools/bench.js stores
//   them as results.js and prints report(results.js)).
//
// benchmark.js times with a clock too coarse for one call of 15-100 ns, so
// every benchmark.js "op" is a batch (BATCH calls, or one tape / one C
// loop of TAPE_PAIRS op pairs) and the figures are divided down. Other
// jobs share this machine's two cores, so the figure taken is the fastest
// sample (a sample is many batches); the median is kept next to it.
'use strict';
const path = require('path');
const Benchmark = require('benchmark');

const top = path.resolve(__dirname, '..', '..');
const BATCH = 1000; // calls per benchmark.js op for single calls
const TAPE_PAIRS = 1000; // op pairs per tape and per C loop
const SKB_SIZE = 384; // bytes, as bench.cc's kBenchSkbSize; tape size byte 96
const EXT = 'BRIDGE_NF'; // the id of ext_add_reset, as in bench/c

const TARGETS = {
  single: 2, // one public call vs (calls x N-API floor + the op's C cost)
  tape: 1.3, // tape per op pair vs C loop per op pair
};

// Tape opcodes (docs/tape.md); the bytes come from encodeTape below.
const WORKLOADS = [
  {
    name: 'alloc_free',
    what: 'alloc_skb + kfree_skb',
    calls: 2,
    pre: [],
    pair: [
      { op: 'alloc', args: [0, SKB_SIZE] },
      { op: 'free', args: [0] },
    ],
  },
  {
    name: 'clone_free',
    what: 'skb_clone + kfree_skb (no ids)',
    calls: 2,
    pre: [{ op: 'alloc', args: [0, SKB_SIZE] }],
    pair: [
      { op: 'clone', args: [1, 0] },
      { op: 'free', args: [1] },
    ],
  },
  {
    name: 'ext_add_reset',
    what: `skb_ext_add(${EXT}) + skb_ext_reset`,
    calls: 2,
    pre: [{ op: 'alloc', args: [0, SKB_SIZE] }],
    pair: [
      { op: 'ext_add', args: [0, 0] },
      { op: 'ext_reset', args: [0] },
    ],
  },
];

function loadApi() {
  const lib = require(path.join(top, 'dist', 'lib'));
  const { native } = require(path.join(top, 'dist', 'lib', 'addon'));
  native(); // no addon: its AddonNotBuiltError, not a TypeError from require(undefined)
  // the very file dist/lib loaded, so one addon instance serves both
  const addon = require(lib.addonPath());
  return { lib, native, addon };
}

function buildTape(lib, w, pairs) {
  const ops = [...w.pre];
  for (let i = 0; i < pairs; i++) ops.push(...w.pair);
  return lib.encodeTape(ops);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length & 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// One figure: `fn` is one benchmark.js op doing `per` units of work.
function measure(name, fn, per, opts) {
  const b = new Benchmark(name, fn, {
    async: false,
    minSamples: opts.quick ? 8 : 30,
    minTime: opts.quick ? 0.005 : 0.01,
    maxTime: opts.quick ? 0.25 : 1.5,
    initCount: 1,
  });
  b.run();
  if (b.error) throw b.error;
  const s = b.stats.sample.map((sec) => (sec * 1e9) / per);
  return { ns: Math.min(...s), ns_median: median(s), samples: s.length, rme_pct: b.stats.rme };
}

function round(v, d = 2) {
  return v == null ? null : Number(v.toFixed(d));
}

function ratio(a, b) {
  return a == null || b == null || !b ? null : a / b;
}

async function run(opts = {}) {
  const quick = !!opts.quick;
  const { lib, native, addon } = loadApi();
  const log = (m) => {
    if (!opts.silent) console.error(m);
  };
  if (typeof addon.benchCLoop !== 'function') {
    throw new Error(
      'bench/js: the addon has no benchCLoop (built before csrc/napi/bench.cc): run `node tools/build.js addon`',
    );
  }
  const wasDebug = addon.slabDebug();
  addon.slabDebug(false); // as bench/c: no poisoning, no quarantine
  const t0 = Date.now();
  const m = (name, fn, per) => measure(name, fn, per, { quick });
  const out = {
    settings: {
      batch: BATCH,
      tape_pairs: TAPE_PAIRS,
      skb_size: SKB_SIZE,
      ext: EXT,
      slab_debug: false,
      statistic:
        'fastest benchmark.js sample (each a run of batches) divided by calls per batch; median kept as ns_median',
      clock: 'wall (benchmark.js); the C loop also reports thread CPU time',
    },
    floor: {},
    single: [],
    tape: [],
    ratios: {},
    targets: TARGETS,
  };

  try {
    log('bench/js: N-API floor');
    out.floor.napi = m(
      'addon.noop()',
      () => {
        for (let i = 0; i < BATCH; i++) addon.noop();
      },
      BATCH,
    );
    out.floor.ts = m(
      'native().noop()',
      () => {
        for (let i = 0; i < BATCH; i++) native().noop();
      },
      BATCH,
    );
    const floor = out.floor.napi.ns;
    // what a per-object FinalizationRegistry would add per Skb made and
    // freed, measured alone: lib/skb.ts uses one only with
    // SKBEXT_TRACE_LEAKS (otherwise the addon's owner groups, one finalizer
    // per 64 Skbs)
    const reg = new FinalizationRegistry(() => {});
    class Held {
      constructor(h) {
        this.h = h;
        reg.register(this, h, this);
      }
      free() {
        reg.unregister(this);
      }
    }
    out.floor.finalization_registry = m(
      'FinalizationRegistry register+unregister',
      () => {
        for (let i = 0; i < BATCH; i++) new Held(i).free();
      },
      BATCH,
    );

    const { Skb } = lib;
    const ids = lib.skbExtIds();
    const extId = ids[EXT];
    const parent = Skb.alloc(SKB_SIZE);
    const ph = lib.Skb.handleOf(parent);

    const singles = {
      alloc_free: {
        raw: () => {
          for (let i = 0; i < BATCH; i++) addon.skbFree(addon.skbAlloc(SKB_SIZE, false));
        },
        api: () => {
          for (let i = 0; i < BATCH; i++) Skb.alloc(SKB_SIZE).free();
        },
      },
      clone_free: {
        raw: () => {
          for (let i = 0; i < BATCH; i++) addon.skbFree(addon.skbClone(ph));
        },
        api: () => {
          for (let i = 0; i < BATCH; i++) parent.clone().free();
        },
      },
      ext_add_reset: {
        raw: () => {
          for (let i = 0; i < BATCH; i++) {
            addon.skbExtAdd(ph, extId);
            addon.skbExtReset(ph);
          }
        },
        api: () => {
          for (let i = 0; i < BATCH; i++) {
            parent.extAdd(EXT);
            parent.extReset();
          }
        },
      },
    };

    for (const w of WORKLOADS) {
      log(`bench/js: ${w.name}`);
      const tape = buildTape(lib, w, TAPE_PAIRS);
      // the C loop, timed as the tape is (one native call per benchmark.js op)
      const cloop = m(
        `C loop ${w.name}`,
        () => {
          addon.benchCLoop(w.name, TAPE_PAIRS);
        },
        TAPE_PAIRS,
      );
      const cpu = [];
      for (let i = 0; i < (quick ? 5 : 21); i++)
        cpu.push(addon.benchCLoop(w.name, TAPE_PAIRS * 10, true) / (TAPE_PAIRS * 10));
      cloop.ns_thread_cpu = Math.min(...cpu);

      const raw = m(`raw ${w.name}`, singles[w.name].raw, BATCH);
      const api = m(`api ${w.name}`, singles[w.name].api, BATCH);
      const tapeApi = m(
        `runTape ${w.name}`,
        () => {
          lib.runTape(tape, { trace: false });
        },
        TAPE_PAIRS,
      );
      const tapeRaw = m(
        `tapeRun ${w.name}`,
        () => {
          addon.tapeRun(tape, 0, 0);
        },
        TAPE_PAIRS,
      );

      const expect = w.calls * floor + cloop.ns;
      out.single.push({
        workload: w.name,
        what: w.what,
        calls: w.calls,
        c_loop: cloop,
        raw,
        api,
        floor_plus_c: expect,
        ratio_raw: ratio(raw.ns, expect),
        ratio_api: ratio(api.ns, expect),
        met: ratio(api.ns, expect) <= TARGETS.single,
      });
      out.tape.push({
        workload: w.name,
        what: w.what,
        ops_per_pair: w.pair.length,
        tape_bytes: tape.length,
        c_loop: cloop,
        run_tape: tapeApi, // runTape(bytes, { trace: false }): the public call
        tape_run_raw: tapeRaw, // addon.tapeRun(bytes, 0, 0): no trace buffer at all
        ratio: ratio(tapeApi.ns, cloop.ns),
        ratio_raw: ratio(tapeRaw.ns, cloop.ns),
        met: ratio(tapeApi.ns, cloop.ns) <= TARGETS.tape,
      });
    }
    parent.free();

    // what one tape call costs with (almost) nothing in it
    const empty = lib.encodeTape([]);
    out.tape_call = {
      run_tape_empty: m(
        'runTape(empty)',
        () => {
          lib.runTape(empty, { trace: false });
        },
        1,
      ),
      tape_run_raw_empty: m(
        'tapeRun(empty)',
        () => {
          addon.tapeRun(empty, 0, 0);
        },
        1,
      ),
    };
    out.ratios = {
      single: Object.fromEntries(
        out.single.map((s) => [
          s.workload,
          { api: round(s.ratio_api, 3), raw: round(s.ratio_raw, 3), target: TARGETS.single, met: s.met },
        ]),
      ),
      tape: Object.fromEntries(
        out.tape.map((t) => [
          t.workload,
          { run_tape: round(t.ratio, 3), raw: round(t.ratio_raw, 3), target: TARGETS.tape, met: t.met },
        ]),
      ),
    };
  } finally {
    addon.slabDebug(wasDebug);
  }
  const live = lib.stats().live;
  out.live_after = live;
  out.seconds = (Date.now() - t0) / 1000;
  return out;
}

function f(v, d = 1) {
  return v == null ? 'n/a' : v.toFixed(d);
}

// The terminal part tools/bench.js prints after the C tables.
function report(js) {
  const o = [];
  o.push(`JS (Node ${process.version}; ns per op pair, fastest sample, median in brackets; slab debug off)`);
  o.push(
    `  N-API floor: addon.noop() ${f(js.floor.napi.ns, 2)} ns [${f(js.floor.napi.ns_median, 2)}], ` +
      `through lib's native() ${f(js.floor.ts.ns, 2)} ns [${f(js.floor.ts.ns_median, 2)}]`,
  );
  o.push(
    `  lib's FinalizationRegistry, register + unregister of one object: ${f(js.floor.finalization_registry.ns, 1)} ns ` +
      '(what per-object tracking would cost; lib tracks Skbs in owner groups unless SKBEXT_TRACE_LEAKS is set)',
  );
  o.push('  workload        C loop  (cpu)   raw N-API   public API  floor+C  api/(floor+C)   tape  raw tape  tape/C');
  for (let i = 0; i < js.single.length; i++) {
    const s = js.single[i];
    const t = js.tape[i];
    o.push(
      `  ${s.workload.padEnd(14)}${f(s.c_loop.ns).padStart(7)} ${('(' + f(s.c_loop.ns_thread_cpu) + ')').padStart(7)}` +
        `${f(s.raw.ns).padStart(12)}${f(s.api.ns).padStart(13)}${f(s.floor_plus_c).padStart(9)}${(f(s.ratio_api, 2) + 'x').padStart(15)}` +
        `${f(t.run_tape.ns).padStart(7)}${f(t.tape_run_raw.ns).padStart(10)}${(f(t.ratio, 2) + 'x').padStart(8)}`,
    );
  }
  o.push(
    `  one tape call, empty tape: runTape ${f(js.tape_call.run_tape_empty.ns, 0)} ns, addon.tapeRun ${f(js.tape_call.tape_run_raw_empty.ns, 0)} ns` +
      ` (spread over ${js.settings.tape_pairs} pairs)`,
  );
  o.push('JS targets (figures, not pass/fail):');
  for (const s of js.single) {
    o.push(
      `  ${s.workload}: public API ${f(s.api.ns)} ns vs ${s.calls} x floor + C = ${f(s.floor_plus_c)} ns: ` +
        `${f(s.ratio_api, 2)}x (raw binding ${f(s.ratio_raw, 2)}x); target <= ${js.targets.single}x: ${s.met ? 'met' : 'missed'}`,
    );
  }
  for (const t of js.tape) {
    o.push(
      `  ${t.workload}: tape ${f(t.run_tape.ns)} ns per pair vs C loop ${f(t.c_loop.ns)}: ` +
        `${f(t.ratio, 2)}x (no trace buffer ${f(t.ratio_raw, 2)}x); target <= ${js.targets.tape}x: ${t.met ? 'met' : 'missed'}`,
    );
  }
  return o.join('\n');
}

module.exports = { run, report, TARGETS, WORKLOADS };

if (require.main === module) {
  run({ quick: process.argv.includes('--quick') }).then(
    (r) => {
      if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
      else console.log(report(r));
    },
    (e) => {
      console.error(e.stack || e);
      process.exitCode = 1;
    },
  );
}
