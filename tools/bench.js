#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// skbext bench: the per-packet metadata designs of bench/c side by side.
//   node tools/bench.js [--quick] [--json FILE] [--svg DIR] [--callgrind]
//                       [--no-callgrind] [--no-headline] [--build-dir DIR] [--bin PATH]
// (--no-headline: without issue 18's per-design headline and its builds)
// Builds bench/c (target skbext_bench) if needed -- in build-c/ in the
// repository, on its own in the cache folder (tools/cache-dir.js) in an
// installed copy -- runs it pinned for ns per
// packet, runs every cell once more under callgrind for instructions per
// packet (not with --quick unless --callgrind), prints the tables and the
// target ratios, writes JSON and draws SVG charts with vega-lite + vega.
//
// As a module: `await require('./tools/bench').bench(opts)` returns the
// results object. results.js is the slot for the JavaScript benchmarks
// (N-API floor, single calls, tape batch vs C loop): bench/js/index.js
// exports `run(opts)` (or opts.jsBench, a function); it is called and its
// result stored there, printed by its report() and drawn as
// js_ns_per_op.svg. `skbext bench` (tools/cli.js) is this command.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { cacheDir, inRepo, which, cCompiler } = require('./cache-dir');

const top = path.resolve(__dirname, '..');
const TARGET = 'skbext_bench';
const TARGETS = {
  cloneRatio: 1.15, // clone+free with 3 ids vs with none
  addResetRatio: 1.5, // first skb_ext_add + skb_ext_reset vs bare kmem_cache_alloc+free
};

function log(opts, msg) {
  if (!opts.silent) console.error(msg);
}

// ---- the binary ---------------------------------------------------------

function ensureBinary(opts) {
  const explicit = opts.bin || process.env.SKBEXT_BENCH_BIN;
  if (explicit) {
    if (!fs.existsSync(explicit))
      throw new Error(`bench: no binary at ${explicit}; build it with cmake --build <dir> --target ${TARGET}`);
    return explicit;
  }
  // In the repository: the top-level CMake tree (build-c), as always. In an
  // installed copy there is none: bench/c on its own, in the cache folder.
  const repo = inRepo();
  const dir = path.resolve(opts.buildDir || (repo ? path.join(top, 'build-c') : cacheDir('bench')));
  const src = repo ? top : path.join(top, 'bench', 'c');
  const bin = repo ? path.join(dir, 'bench', 'c', TARGET) : path.join(dir, TARGET);
  const missing = [
    which('cmake') ? null : ['cmake', 'cmake'],
    cCompiler() ? null : ['a C compiler (cc, gcc or clang)', 'gcc'],
  ].filter(Boolean);
  if (missing.length) {
    if (fs.existsSync(bin)) {
      log(opts, `bench: ${missing.map((m) => m[0]).join(' and ')} not found; using the ${TARGET} already in ${dir}`);
      return bin;
    }
    throw new Error(
      `bench: building ${TARGET} needs ${missing.map((m) => m[0]).join(' and ')}, not found in PATH (apt-get install ${missing.map((m) => m[1]).join(' ')})`,
    );
  }
  const run = (args) =>
    spawnSync('cmake', args, { cwd: src, stdio: opts.silent ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  const shown = path.relative(process.cwd(), dir).startsWith('..') ? dir : path.relative(process.cwd(), dir) || dir;
  if (!fs.existsSync(path.join(dir, 'CMakeCache.txt'))) {
    log(opts, `bench: configuring ${shown}${repo ? '' : ` (bench/c, built once for this version)`}`);
    const r = run(['-S', src, '-B', dir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo']);
    if (r.status !== 0 && !repo) {
      // a half-written cache would make every later run fail the same way
      fs.rmSync(path.join(dir, 'CMakeCache.txt'), { force: true });
      throw new Error(`bench: cmake -S ${src} -B ${dir} failed (its output above says why)`);
    }
  }
  log(opts, `bench: cmake --build ${shown} --target ${TARGET}`);
  const r = run(['--build', dir, '--target', TARGET, '-j', String(Math.max(2, os.cpus().length))]);
  if (r.status !== 0) {
    if (fs.existsSync(bin)) {
      log(opts, `bench: the build failed; using the ${TARGET} already in ${dir}`);
      return bin;
    }
    throw new Error(`bench: building ${TARGET} failed (cmake --build ${dir} --target ${TARGET} says why)`);
  }
  return bin;
}

function runJson(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---- callgrind ----------------------------------------------------------

function hasValgrind() {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

// One cell under callgrind, counting only bench_measure (the timed loop).
function callgrindCell(bin, design, workload, iters, cpu) {
  const out = path.join(os.tmpdir(), `skbext-cg-${process.pid}-${design}-${workload}.out`);
  const args = [
    '--tool=callgrind',
    '--toggle-collect=bench_measure',
    `--callgrind-out-file=${out}`,
    bin,
    '--json',
    '--design',
    design,
    '--workload',
    workload,
    '--iters',
    String(iters),
    '--runs',
    '1',
    '--cpu',
    String(cpu),
  ];
  return new Promise((resolve, reject) => {
    const p = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`valgrind ${design}/${workload} exited ${code}:\n${stderr.slice(-2000)}`);
        const text = fs.readFileSync(out, 'utf8');
        fs.unlinkSync(out);
        const m = /^summary:\s+(\d+)/m.exec(text) || /^totals:\s+(\d+)/m.exec(text);
        if (!m) throw new Error(`no summary line in callgrind output for ${design}/${workload}`);
        const res = JSON.parse(stdout);
        const cell = res.cells.find((c) => c.design === design && c.workload === workload);
        resolve({ ir: Number(m[1]), ops: cell ? cell.ops : Math.max(1, Math.floor(iters)) });
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  async function worker(slot) {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i](slot);
    }
  }
  await Promise.all(Array.from({ length: width }, (_, s) => worker(s)));
  return results;
}

async function collectInstructions(bin, c, opts) {
  const iters = 2048; // packets per cell; batch workloads run iters/pkts ops
  const cpus = Math.max(1, os.cpus().length);
  const cells = c.cells.filter((x) => x.applies);
  const jobs = [
    (slot) => callgrindCell(bin, 'ext', 'loop', iters, slot % cpus),
    (slot) => callgrindCell(bin, 'ext', 'kmem', iters, slot % cpus),
    ...cells.map((x) => (slot) => callgrindCell(bin, x.design, x.workload, iters, slot % cpus)),
  ];
  log(opts, `bench: callgrind on ${jobs.length} cells, ${cpus} at a time`);
  const t0 = Date.now();
  const r = await pool(jobs, cpus);
  const loopPerOp = r[0].ir / r[0].ops;
  const kmem = r[1].ir / r[1].ops - loopPerOp;
  const pkts = Object.fromEntries(c.workloads.map((w) => [w.name, w.pkts]));
  const instr = {};
  cells.forEach((x, i) => {
    const m = r[i + 2];
    instr[`${x.design}/${x.workload}`] = (m.ir / m.ops - loopPerOp) / pkts[x.workload];
  });
  log(opts, `bench: callgrind took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { loopPerOp, kmem, instr };
}

// ---- issue 18: one extension on every packet, the port's own designs ----
//
// The port built three ways (docs/design-variants.md): 6.1's allocation
// (none), CONFIG_SKB_EXT_CACHE and CONFIG_SKB_EXT_IN_HEAD, each a build of
// bench/c of its own (build-bench-<design>/ in the repository). Each
// binary runs only design 'ext' (the port) on four workloads, alternating
// between the binaries round by round, and once more under callgrind.
// Another tool can count one workload of one design the same way:
//   valgrind --tool=callgrind --toggle-collect=bench_measure \
//     build-bench-cache/skbext_bench --json --design ext --workload rx_ext1 --iters 2048 --runs 1
// (designBinary(design) builds and answers the path).

const PORT_DESIGNS = ['none', 'cache', 'in_head'];
const HEADLINE = {
  rx: {
    none: 'alloc_free',
    ext: 'rx_tc1',
    what: 'Rx-like: alloc_skb, a tc extension (tc_skb_ext_alloc: skb_ext_add + zeroing, chain set), kfree_skb; 1 packet in flight',
  },
  fwd: {
    none: 'rx64',
    ext: 'rx_tc64',
    what: 'forward-like: 64 packets allocated (one NAPI budget), each with the tc extension, held until all are freed (Tx completion)',
  },
};
// upstream's 2023 figures: throughput lost to a tc extension on every frame
const UPSTREAM = {
  what: 'throughput lost end to end to a TC_SKB_EXT on every frame (upstream, 2023)',
  cost_pct: { none: 16.6, cache: 9.3, in_head: 12.1 },
  note: "upstream's figures are end-to-end throughput of a whole forwarding path; these are per-operation costs of the extension calls alone (ns and instructions per packet), so compare the order of the designs and the ratios, not the percentages",
};

/** The bench binary built with the port's @design (none: the usual one). */
function designBinary(design, opts = {}) {
  if (design === 'none') return ensureBinary(opts);
  if (!PORT_DESIGNS.includes(design))
    throw new Error(`bench: no design "${design}" (have: ${PORT_DESIGNS.join(', ')})`);
  const dir = inRepo() ? path.join(top, `build-bench-${design}`) : cacheDir(`bench-${design}`);
  const bin = path.join(dir, TARGET);
  const src = path.join(top, 'bench', 'c');
  const run = (args) =>
    spawnSync('cmake', args, { cwd: src, stdio: opts.silent ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(path.join(dir, 'CMakeCache.txt'))) {
    log(opts, `bench: configuring ${dir} (bench/c with -DSKBEXT_DESIGN=${design})`);
    const r = run(['-S', src, '-B', dir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', `-DSKBEXT_DESIGN=${design}`]);
    if (r.status !== 0) {
      fs.rmSync(path.join(dir, 'CMakeCache.txt'), { force: true });
      throw new Error(`bench: cmake -S ${src} -B ${dir} -DSKBEXT_DESIGN=${design} failed`);
    }
  }
  const r = run(['--build', dir, '--target', TARGET, '-j', String(Math.max(2, os.cpus().length))]);
  if (r.status !== 0 && !fs.existsSync(bin)) throw new Error(`bench: building ${TARGET} in ${dir} failed`);
  return bin;
}

function median(xs) {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
}

/**
 * The headline: for each design, ns and instructions per packet without
 * and with one extension, on the Rx-like and forward-like workloads, and
 * their ratio, in one run.
 */
async function headline(opts = {}) {
  const bins = Object.fromEntries(PORT_DESIGNS.map((d) => [d, designBinary(d, opts)]));
  const wls = [...new Set(Object.values(HEADLINE).flatMap((h) => [h.none, h.ext]))];
  const rounds = opts.quick ? 1 : 3;
  /** @type {Record<string, Record<string, number[]>>} */
  const ns = Object.fromEntries(PORT_DESIGNS.map((d) => [d, Object.fromEntries(wls.map((w) => [w, []]))]));
  let pkts = {};
  for (let round = 0; round < rounds; round++) {
    for (const d of PORT_DESIGNS) {
      const c = runJson(bins[d], [
        '--json',
        '--design',
        'ext',
        '--workload',
        wls.join(','),
        ...(opts.quick ? ['--quick'] : []),
      ]);
      if (c.port_design !== undefined && c.port_design !== d)
        throw new Error(`bench: ${bins[d]} is built with design ${c.port_design}, not ${d}`);
      pkts = Object.fromEntries(c.workloads.map((w) => [w.name, w.pkts]));
      for (const x of c.cells) if (x.applies) ns[d][x.workload].push(x.ns);
    }
  }
  /** @type {Record<string, Record<string, number>> | null} */
  let ir = null;
  const wantCg = opts.callgrind === true || (opts.callgrind !== false && !opts.quick);
  if (wantCg && hasValgrind()) {
    const iters = 2048;
    const cpus = Math.max(1, os.cpus().length);
    const jobs = [];
    for (const d of PORT_DESIGNS)
      for (const w of ['loop', ...wls])
        jobs.push({ d, w, run: (slot) => callgrindCell(bins[d], 'ext', w, iters, slot % cpus) });
    log(opts, `bench: headline: callgrind on ${jobs.length} cells`);
    const r = await pool(
      jobs.map((j) => j.run),
      cpus,
    );
    ir = Object.fromEntries(PORT_DESIGNS.map((d) => [d, {}]));
    for (const d of PORT_DESIGNS) {
      const li = jobs.findIndex((j) => j.d === d && j.w === 'loop');
      const loopPerOp = r[li].ir / r[li].ops;
      jobs.forEach((j, i) => {
        if (j.d === d && j.w !== 'loop') ir[d][j.w] = (r[i].ir / r[i].ops - loopPerOp) / pkts[j.w];
      });
    }
  }
  const rows = [];
  for (const d of PORT_DESIGNS) {
    for (const [kind, h] of Object.entries(HEADLINE)) {
      const a = median(ns[d][h.none]);
      const b = median(ns[d][h.ext]);
      const ia = ir ? ir[d][h.none] : null;
      const ib = ir ? ir[d][h.ext] : null;
      rows.push({
        design: d,
        workload: kind,
        none: h.none,
        ext: h.ext,
        ns_none: a,
        ns_ext: b,
        ns_ratio: ratio(b, a),
        ir_none: ia,
        ir_ext: ib,
        ir_ratio: ratio(ib, ia),
        ns_ext_cost: a == null || b == null ? null : b - a,
        ir_ext_cost: ia == null || ib == null ? null : ib - ia,
      });
    }
  }
  return {
    what: 'the cost of one extension on every packet against none, per design of the port (issue 18)',
    designs: PORT_DESIGNS,
    binaries: Object.fromEntries(PORT_DESIGNS.map((d) => [d, path.relative(top, bins[d]) || bins[d]])),
    workloads: HEADLINE,
    rounds,
    statistic: `median ns per packet over ${rounds} alternated round(s), each the bench's median of its runs; instructions per packet by callgrind (timed loop only, loop subtracted)`,
    rows,
    upstream: UPSTREAM,
  };
}

function headlineReport(h) {
  const out = [];
  out.push(`one extension on every packet, per design of the port (${h.statistic})`);
  for (const [kind, w] of Object.entries(h.workloads)) out.push(`  ${kind}: ${w.what} (${w.none} vs ${w.ext})`);
  out.push(
    '  design    workload   ns none   ns ext  ratio   Ir none   Ir ext  ratio   ext costs (ns, Ir)  upstream cost (end to end)',
  );
  for (const r of h.rows) {
    out.push(
      `  ${r.design.padEnd(9)} ${r.workload.padEnd(8)} ${fmt(r.ns_none, 2).padStart(8)} ${fmt(r.ns_ext, 2).padStart(8)} ${fmt(r.ns_ratio, 3).padStart(6)}` +
        ` ${fmt(r.ir_none, 1).padStart(9)} ${fmt(r.ir_ext, 1).padStart(8)} ${fmt(r.ir_ratio, 3).padStart(6)}` +
        `   ${fmt(r.ns_ext_cost, 2).padStart(7)}, ${fmt(r.ir_ext_cost, 1).padStart(7)}` +
        `     ${r.workload === 'rx' ? `${h.upstream.cost_pct[r.design]}% of throughput` : ''}`,
    );
  }
  out.push(`  note: ${h.upstream.note}`);
  return out.join('\n');
}

// ---- results ------------------------------------------------------------

function ratio(a, b) {
  return a == null || b == null || !b ? null : a / b;
}

function cellOf(results, design, workload) {
  return results.cells.find((x) => x.design === design && x.workload === workload);
}

function computeRatios(results) {
  const ext = (w) => cellOf(results, 'ext', w) || {};
  const d = Object.fromEntries(results.designs.map((x) => [x.name, x]));
  const perDesign = (num, den) =>
    Object.fromEntries(
      results.designs.map((x) => {
        const a = cellOf(results, x.name, num) || {};
        const b = cellOf(results, x.name, den) || {};
        return [x.name, { ns: ratio(a.ns, b.ns), instr: ratio(a.instr, b.instr) }];
      }),
    );
  const clone = {
    ns: ratio(ext('clone3').ns, ext('clone0').ns),
    instr: ratio(ext('clone3').instr, ext('clone0').instr),
  };
  const add = {
    ns: ratio(ext('ext_add_reset').ns, results.reference.kmem_ns),
    instr: ratio(ext('ext_add_reset').instr, results.reference.kmem_instr),
  };
  const size = (name) =>
    d[name] && {
      bytes: d[name].skb_size,
      cache_lines: d[name].cache_lines,
      stride: d[name].skb_stride,
      delta_bytes: d[name].skb_size - d.ext.skb_size,
      delta_cache_lines: d[name].cache_lines - d.ext.cache_lines,
      delta_stride: d[name].skb_stride - d.ext.skb_stride,
    };
  return {
    clone3_vs_clone0: {
      design: 'ext',
      target: TARGETS.cloneRatio,
      ...clone,
      met_ns: clone.ns == null ? null : clone.ns <= TARGETS.cloneRatio,
      met_instr: clone.instr == null ? null : clone.instr <= TARGETS.cloneRatio,
      all_designs: perDesign('clone3', 'clone0'),
    },
    ext_add_reset_vs_kmem: {
      design: 'ext',
      target: TARGETS.addResetRatio,
      ...add,
      met_ns: add.ns == null ? null : add.ns <= TARGETS.addResetRatio,
      met_instr: add.instr == null ? null : add.instr <= TARGETS.addResetRatio,
    },
    sizeof_sk_buff: {
      ext: { ...size('ext'), target: 232, met: d.ext.skb_size === 232 },
      preseries: {
        ...size('preseries'),
        note: "4.19 layout, derived (bench/c/d2_preseries.c): 232 bytes, 4 lines; the same two pointers on 6.1's fields would make 240 bytes (offsetof(extensions) + 16), 4 lines, 256-byte stride",
        on_61_fields_bytes: d.ext.skb_size + 8,
      },
      bigcb: size('bigcb'),
      dynfield: size('dynfield'),
    },
  };
}

async function bench(opts = {}) {
  const t0 = Date.now();
  const bin = ensureBinary(opts);
  log(opts, `bench: ${bin}${opts.quick ? ' --quick' : ''}`);
  const c = runJson(bin, ['--json', ...(opts.quick ? ['--quick'] : [])]);

  let cg = null;
  const wantCg = opts.callgrind === true || (opts.callgrind !== false && !opts.quick);
  if (wantCg) {
    if (hasValgrind()) cg = await collectInstructions(bin, c, opts);
    else log(opts, 'bench: valgrind is not installed; no instruction counts (apt-get install valgrind)');
  }

  const results = {
    tool: 'skbext bench',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: (os.cpus()[0] || {}).model, node: process.version },
    quick: !!opts.quick,
    binary: path.relative(top, bin) || bin,
    settings: {
      cpu: c.cpu,
      packets_per_run: c.iters,
      runs: c.runs,
      slab_debug: c.slab_debug,
      statistic: 'median ns per packet, loop-only baseline subtracted',
    },
    reference: {
      loop_ns: c.loop_ns,
      kmem_ns: c.kmem_ns,
      kmem_what: `kmem_cache_alloc+kmem_cache_free on skbuff_ext_cache (${c.ext_block_bytes}-byte object, ${c.ext_block_stride}-byte stride)`,
      loop_instr: cg ? cg.loopPerOp : null,
      kmem_instr: cg ? cg.kmem : null,
    },
    ext_block: { bytes: c.ext_block_bytes, stride: c.ext_block_stride },
    designs: c.designs,
    workloads: c.workloads.filter((w) => w.name !== 'loop' && w.name !== 'kmem'),
    cells: c.cells.map((x) => ({
      design: x.design,
      workload: x.workload,
      applies: x.applies,
      ns: x.applies ? x.ns : null,
      ns_raw: x.applies ? x.ns_raw : null,
      runs: x.applies ? x.runs : null,
      instr: cg && x.applies ? cg.instr[`${x.design}/${x.workload}`] : null,
    })),
    counters: { extcache: c.extcache, headroom: c.headroom },
    // Extension point: the JavaScript benchmarks (bench/js, needs the addon).
    js: null,
  };
  results.ratios = computeRatios(results);
  // issue 18's headline: the port's own designs, each its own build
  if (opts.headline !== false) results.headline = await headline({ ...opts, bin: undefined });

  const jsBench = opts.jsBench || loadJsBench();
  if (typeof jsBench === 'function') {
    try {
      results.js = await jsBench({ quick: !!opts.quick, results });
    } catch (e) {
      // the C figures stand without the addon
      if (!e || e.code !== 'ERR_ADDON_NOT_BUILT') throw e;
      results.js_skipped = 'the addon is not built; npm rebuild skbext';
      log(opts, `bench: ${e.message}`);
    }
  } else results.js_skipped = jsSkipped || 'no JS benchmarks';

  if (opts.svg) results.svg = (await writeCharts(results, opts.svg)).map((f) => path.relative(top, f) || f);
  results.seconds = (Date.now() - t0) / 1000;
  if (opts.json) {
    fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    fs.writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  }
  return results;
}

// bench/js/index.js exports run(opts) -> its results. It needs the npm
// package benchmark; without it (an installed copy whose dependencies
// leave it out) the C figures are still taken and the JS ones skipped.
let jsSkipped = null;
function loadJsBench() {
  const p = path.join(top, 'bench', 'js', 'index.js');
  if (!fs.existsSync(p)) {
    jsSkipped = 'bench/js is not there';
    return null;
  }
  let m;
  try {
    m = require(p);
  } catch (e) {
    const what = e && e.code === 'MODULE_NOT_FOUND' && /'([^']+)'/.exec(e.message);
    if (!what || what[1].startsWith('.') || path.isAbsolute(what[1])) throw e;
    jsSkipped = `the npm package '${what[1]}' is not installed; npm install ${what[1]}`;
    return null;
  }
  return typeof m === 'function' ? m : m.run;
}

// ---- charts -------------------------------------------------------------

// vega and vega-lite (dev dependencies) are only needed for --svg.
/** @param {object} spec a vega-lite spec */
async function renderSvg(spec) {
  let vega;
  /** @type {any} */
  let vl;
  try {
    vega = await import('vega');
    // @ts-ignore: vega-lite's types are ESM-only; this file is CommonJS
    vl = await import('vega-lite');
  } catch (e) {
    if (e && /MODULE_NOT_FOUND/.test(e.code)) {
      throw new Error('bench: --svg needs the npm packages vega and vega-lite (npm install vega vega-lite)', {
        cause: e,
      });
    }
    throw e;
  }
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

function groupedBars(title, values, yTitle, designOrder, workloadOrder) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    width: { step: 10 },
    height: 280,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'workload', type: 'nominal', sort: workloadOrder, title: null, axis: { labelAngle: -35 } },
      xOffset: { field: 'design', type: 'nominal', sort: designOrder },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'design', type: 'nominal', sort: designOrder, legend: { title: 'design' } },
    },
    config: { font: 'sans-serif' },
  };
}

async function writeCharts(results, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const designOrder = results.designs.map((d) => d.name);
  const workloadOrder = results.workloads.map((w) => w.name);
  const written = [];
  const cells = results.cells.filter((c) => c.applies);

  const ns = cells.map((c) => ({ design: c.design, workload: c.workload, value: Number(c.ns.toFixed(2)) }));
  /** @type {Array<[string, object]>} */
  const specs = [
    [
      'ns_per_op.svg',
      groupedBars(
        'ns per packet (median, pinned; loop baseline subtracted)',
        ns,
        'ns / packet',
        designOrder,
        workloadOrder,
      ),
    ],
  ];

  if (cells.some((c) => c.instr != null)) {
    const ir = cells
      .filter((c) => c.instr != null)
      .map((c) => ({ design: c.design, workload: c.workload, value: Math.round(c.instr) }));
    specs.push([
      'instr_per_op.svg',
      groupedBars(
        'instructions per packet (callgrind, loop baseline subtracted)',
        ir,
        'instructions / packet',
        designOrder,
        workloadOrder,
      ),
    ]);
  }

  const configs = ['no ids', 'bridge', 'bridge+sp', 'bridge+sp+mptcp'];
  const bytes = [];
  for (const d of results.designs) {
    d.bytes_per_skb.forEach((b, i) => {
      if (b != null) bytes.push({ design: d.name, config: configs[i], value: b, skb: d.skb_stride });
    });
  }
  specs.push([
    'bytes_per_skb.svg',
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'bytes per skb: sk_buff slab stride + metadata slab strides (the data buffer, the same for all, left out)',
      data: { values: bytes },
      width: { step: 12 },
      height: 260,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'design', type: 'nominal', sort: designOrder, title: null, axis: { labelAngle: -35 } },
        xOffset: { field: 'config', type: 'nominal', sort: configs },
        y: { field: 'value', type: 'quantitative', title: 'bytes' },
        color: { field: 'config', type: 'nominal', sort: configs, legend: { title: 'metadata' } },
      },
    },
  ]);

  if (results.js) {
    // the JS side: one op pair each way, against the C loop of the same calls
    const js = [];
    for (const x of results.js.single) {
      js.push({ workload: x.workload, way: 'C loop', value: Number(x.c_loop.ns.toFixed(2)) });
      js.push({
        workload: x.workload,
        way: 'tape (one call)',
        value: Number(results.js.tape.find((t) => t.workload === x.workload).run_tape.ns.toFixed(2)),
      });
      js.push({ workload: x.workload, way: 'N-API, raw binding', value: Number(x.raw.ns.toFixed(2)) });
      js.push({ workload: x.workload, way: 'public API', value: Number(x.api.ns.toFixed(2)) });
    }
    const ways = ['C loop', 'tape (one call)', 'N-API, raw binding', 'public API'];
    specs.push([
      'js_ns_per_op.svg',
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `ns per op pair from JS (N-API no-op floor ${results.js.floor.napi.ns.toFixed(1)} ns per call)`,
        data: { values: js },
        width: { step: 18 },
        height: 260,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'workload', type: 'nominal', title: null },
          xOffset: { field: 'way', type: 'nominal', sort: ways },
          y: { field: 'value', type: 'quantitative', title: 'ns / op pair' },
          color: { field: 'way', type: 'nominal', sort: ways, legend: { title: 'how' } },
        },
      },
    ]);
  }

  for (const [name, spec] of specs) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await renderSvg(spec));
    written.push(file);
  }
  return written;
}

// ---- the terminal -------------------------------------------------------

function fmt(v, digits) {
  return v == null ? 'n/a' : v.toFixed(digits);
}

function table(results, key, digits) {
  const names = results.designs.map((d) => d.name);
  const w = Math.max(11, ...names.map((n) => n.length + 2));
  const lines = ['workload'.padEnd(15) + names.map((n) => n.padStart(w)).join('')];
  for (const wl of results.workloads) {
    let row = wl.name.padEnd(15);
    for (const n of names) {
      const c = cellOf(results, n, wl.name);
      row += fmt(c && c.applies ? c[key] : null, digits).padStart(w);
    }
    lines.push(row);
  }
  return lines.join('\n');
}

function report(results) {
  const out = [];
  const r = results.ratios;
  out.push(
    `skbext bench: ${results.machine.model} (${results.machine.cpus} CPUs), pinned to CPU ${results.settings.cpu}, ` +
      `${results.settings.packets_per_run} packets x ${results.settings.runs} runs, slab debug ${results.settings.slab_debug ? 'ON' : 'off'}`,
  );
  if (results.headline) {
    out.push('');
    out.push(headlineReport(results.headline));
  }
  out.push('');
  out.push('designs:');
  for (const d of results.designs) out.push(`  ${d.name.padEnd(10)} ${d.title}`);
  out.push(
    "  (ext is the port; extcache and headroom are bench-only models of issue 18's designs, which the port now has as CONFIG_SKB_EXT_CACHE and CONFIG_SKB_EXT_IN_HEAD: the headline above measures those builds)",
  );
  out.push('');
  out.push(`ns per packet (median; loop ${fmt(results.reference.loop_ns, 2)} ns subtracted)`);
  out.push(table(results, 'ns', 2));
  if (results.cells.some((c) => c.instr != null)) {
    out.push('');
    out.push(
      `instructions per packet (callgrind, only the timed loop; loop ${fmt(results.reference.loop_instr, 1)} subtracted)`,
    );
    out.push(table(results, 'instr', 1));
  }
  out.push('');
  out.push(
    `reference: ${results.reference.kmem_what}: ${fmt(results.reference.kmem_ns, 2)} ns, ${fmt(results.reference.kmem_instr, 1)} instructions`,
  );
  out.push('');
  out.push('layout                sizeof  lines  stride   bytes/skb: none  bridge  +sp  +mptcp');
  for (const d of results.designs) {
    const b = d.bytes_per_skb.map((x) => (x == null ? 'n/a' : String(x)));
    out.push(
      `  ${d.name.padEnd(19)} ${String(d.skb_size).padStart(6)} ${String(d.cache_lines).padStart(6)} ${String(d.skb_stride).padStart(7)}` +
        `   ${b[0].padStart(14)} ${b[1].padStart(7)} ${b[2].padStart(5)} ${b[3].padStart(7)}` +
        (d.headroom_bytes ? `  (+${d.headroom_bytes} B of headroom)` : ''),
    );
  }
  out.push('');
  out.push('targets (figures, not pass/fail):');
  const c = r.clone3_vs_clone0;
  out.push(
    `  clone+free, 3 ids vs none (design ext): ${fmt(c.ns, 3)}x in ns, ${fmt(c.instr, 3)}x in instructions; target <= ${c.target}x`,
  );
  const a = r.ext_add_reset_vs_kmem;
  out.push(
    `  skb_ext_add + skb_ext_reset vs bare kmem_cache_alloc+free: ${fmt(a.ns, 3)}x in ns, ${fmt(a.instr, 3)}x in instructions; target <= ${a.target}x`,
  );
  const s = r.sizeof_sk_buff;
  out.push(
    `  sizeof(struct sk_buff), design ext: ${s.ext.bytes} bytes, ${s.ext.cache_lines} cache lines, ${s.ext.stride}-byte stride (target 232)`,
  );
  out.push(
    `  design preseries: ${s.preseries.bytes} bytes (4.19 layout), ${s.preseries.cache_lines} lines, stride ${s.preseries.stride}; ` +
      `on 6.1's fields ${s.preseries.on_61_fields_bytes} bytes (+8), still 4 lines, stride 256`,
  );
  out.push(
    `  design bigcb: ${s.bigcb.bytes} bytes (+${s.bigcb.delta_bytes}), ${s.bigcb.cache_lines} lines (+${s.bigcb.delta_cache_lines}), stride ${s.bigcb.stride} (+${s.bigcb.delta_stride})`,
  );
  out.push(
    `  design dynfield: ${s.dynfield.bytes} bytes (+${s.dynfield.delta_bytes}), ${s.dynfield.cache_lines} lines (+${s.dynfield.delta_cache_lines}), stride ${s.dynfield.stride} (+${s.dynfield.delta_stride})`,
  );
  const ec = results.counters.extcache;
  const hr = results.counters.headroom;
  out.push(
    `  extcache slot: ${ec.hits} hits, ${ec.misses} misses; headroom: ${hr.carved} blocks carved, ${hr.slab} from the slab`,
  );
  if (results.js == null) out.push(`  js: not measured (${results.js_skipped || 'bench/js is not there'})`);
  else {
    out.push('');
    out.push(require(path.join(top, 'bench', 'js')).report(results.js));
  }
  return out.join('\n');
}

// ---- the command --------------------------------------------------------

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`bench: ${a} takes a value`);
      return argv[++i];
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = v();
    else if (a === '--svg') opts.svg = v();
    else if (a === '--callgrind') opts.callgrind = true;
    else if (a === '--no-callgrind') opts.callgrind = false;
    else if (a === '--no-headline') opts.headline = false;
    else if (a === '--build-dir') opts.buildDir = v();
    else if (a === '--bin') opts.bin = v();
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new Error(`bench: unknown option ${a} (try --help)`);
  }
  return opts;
}

async function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (opts.help) {
    console.log(
      'usage: skbext bench [--quick] [--json FILE] [--svg DIR] [--callgrind] [--no-callgrind] [--no-headline] [--build-dir DIR] [--bin PATH]',
    );
    return 0;
  }
  const outDir = path.join(top, 'bench', 'out');
  if (!opts.json) opts.json = path.join(outDir, 'results.json');
  if (!opts.svg) opts.svg = outDir;
  const results = await bench(opts);
  console.log(report(results));
  console.log('');
  console.log(`json: ${path.relative(process.cwd(), opts.json)}`);
  if (results.svg) console.log(`svg: ${results.svg.join(', ')}`);
  console.log(`(${results.seconds.toFixed(1)} s)`);
  return 0;
}

module.exports = {
  bench,
  report,
  computeRatios,
  writeCharts,
  parseArgs,
  TARGETS,
  headline,
  headlineReport,
  designBinary,
  PORT_DESIGNS,
  HEADLINE,
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e.message || e);
      process.exitCode = 1;
    },
  );
}
