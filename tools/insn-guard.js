// SPDX-License-Identifier: GPL-2.0-only
// The instruction guard: callgrind's instruction count per op of every
// (workload, design) cell, against bench/baseline.json. A cell that
// grows by more than the threshold (3%) fails the guard until the
// baseline is updated on purpose:
//
//   node tools/cli.js bench --insn              the table, current vs baseline
//   node tools/cli.js bench --update-baseline   rewrite it, print the diff
//   (npm run bench:baseline does the second)
//
// Counts, not timings: each binary runs its op loops inside one function
// (bench_measure, insn_measure) that callgrind counts alone
// (--toggle-collect) and dumps after each call (--dump-after), so that
// one valgrind run gives every cell of a binary, Ir / ops exact and the
// same on every run of the same build. The counts depend on the
// compiler: baseline.json records it, and a different one skips the
// guard with the reason instead of failing it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const BASELINE = path.join(top, 'bench', 'baseline.json');
const THRESHOLD = 0.03;

/*
 * How each binary is built and run: the one table. A row names its
 * CMake build folder (configured with `cmake` when it has no cache yet),
 * the target, the binary in it, the function callgrind counts, and the
 * arguments. The binary prints JSON whose `cells` ({ design, workload,
 * applies, ops }) are in the order they ran; `first` names the cells it
 * runs before those (skbext_bench's two references). `as` renames the
 * designs of a row, for a build of another config whose design names
 * are the same (say { ext: 'ext-cache' } for a CONFIG_SKB_EXT_CACHE
 * build). Baseline keys are "workload/design".
 */
const BINARIES = [
  {
    name: 'port',
    what: "the port's own paths (skbcore: skb_ext_add, secpath_set, clone, copy, COW)",
    dir: 'build-c',
    cmake: [],
    target: 'skbext_insn_ops',
    bin: 'bench/insn/skbext_insn_ops',
    fn: 'insn_measure',
    args: ['--json', '--iters', '2048'],
  },
  // the same paths in the port's allocation designs (docs/design-variants.md)
  ...['cache', 'in_head'].map((d) => ({
    name: `port-${d}`,
    what: `the port's own paths, built with CONFIG_SKB_EXT_${d.toUpperCase()} (-DSKBEXT_DESIGN=${d})`,
    dir: `build-c-${d}`,
    cmake: [`-DSKBEXT_DESIGN=${d}`],
    target: 'skbext_insn_ops',
    bin: 'bench/insn/skbext_insn_ops',
    fn: 'insn_measure',
    args: ['--json', '--iters', '2048'],
    as: { port: `port-${d}` },
  })),
  {
    name: 'designs',
    what: 'bench/c: every design x workload (d1..d7, the model)',
    dir: 'build-c',
    cmake: [],
    target: 'skbext_bench',
    bin: 'bench/c/skbext_bench',
    fn: 'bench_measure',
    args: ['--json', '--iters', '2048', '--runs', '1'],
    first: [
      { workload: 'loop', design: 'ext' },
      { workload: 'kmem', design: 'ext' },
    ],
  },
];

function haveValgrind() {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The C compiler of a CMake build folder, as "GNU 12.2.0" (null when not configured). */
function compilerOf(dir) {
  const files = path.join(dir, 'CMakeFiles');
  if (!fs.existsSync(files)) return null;
  for (const v of fs.readdirSync(files).sort().reverse()) {
    const f = path.join(files, v, 'CMakeCCompiler.cmake');
    if (!fs.existsSync(f)) continue;
    const text = fs.readFileSync(f, 'utf8');
    const id = /set\(CMAKE_C_COMPILER_ID "([^"]*)"\)/.exec(text);
    const ver = /set\(CMAKE_C_COMPILER_VERSION "([^"]*)"\)/.exec(text);
    if (id && ver) return `${id[1]} ${ver[1]}`;
  }
  return null;
}

/** The compiler `cc` would be: what a fresh configure picks. */
function defaultCompiler() {
  const r = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const m = /^(gcc|cc)[^\n]*?(\d+\.\d+\.\d+)/m.exec(r.stdout) || /(clang) version (\d+\.\d+\.\d+)/.exec(r.stdout);
  if (!m) return null;
  return `${m[1] === 'clang' ? 'Clang' : 'GNU'} ${m[2]}`;
}

function readBaseline() {
  if (!fs.existsSync(BASELINE)) return null;
  return JSON.parse(fs.readFileSync(BASELINE, 'utf8'));
}

/**
 * Why the guard cannot judge here (the stage's skip reason), or null.
 * No valgrind, no baseline, or a compiler other than the baseline's.
 */
function cannotRun() {
  if (!haveValgrind()) return 'valgrind not found (apt-get install valgrind, or run .ci/run)';
  const b = readBaseline();
  if (!b) return 'no bench/baseline.json (node tools/cli.js bench --update-baseline writes one)';
  const dirs = [...new Set(BINARIES.map((x) => x.dir))];
  for (const d of dirs) {
    const cc = compilerOf(path.join(top, d)) || defaultCompiler();
    if (cc && cc !== b.compiler)
      return (
        `the baseline was counted with ${b.compiler}, this build (${d}) uses ${cc}: ` +
        'instruction counts are only comparable from one compiler (node tools/cli.js bench --update-baseline re-counts)'
      );
  }
  return null;
}

function build(row, log) {
  const dir = path.join(top, row.dir);
  if (!fs.existsSync(path.join(dir, 'CMakeCache.txt'))) {
    log(`insn: configuring ${row.dir}`);
    const c = spawnSync('cmake', ['-S', top, '-B', dir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', ...row.cmake], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (c.status !== 0) throw new Error(`insn: cmake -S . -B ${row.dir} failed`);
  }
  const r = spawnSync('cmake', ['--build', dir, '--target', row.target, '-j', String(Math.max(2, os.cpus().length))], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`insn: building ${row.target} in ${row.dir} failed`);
  return path.join(dir, row.bin);
}

/** One row's cells under callgrind: { "workload/design": instructions per op }. */
function countRow(row, log) {
  const bin = build(row, log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-insn-'));
  try {
    const r = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        `--toggle-collect=${row.fn}`,
        `--dump-after=${row.fn}`,
        `--callgrind-out-file=${path.join(tmp, 'cg.out')}`,
        bin,
        ...row.args,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) throw new Error(`insn: valgrind ${row.bin} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
    const res = JSON.parse(r.stdout);
    const ran = [...(row.first || []), ...res.cells.filter((c) => c.applies)];
    // the dumps, cg.out.1, cg.out.2, ...: one per call of row.fn, in order
    const dumps = fs
      .readdirSync(tmp)
      .map((f) => /^cg\.out\.(\d+)$/.exec(f))
      .filter(Boolean)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    if (dumps.length !== ran.length)
      throw new Error(`insn: ${row.bin} made ${dumps.length} callgrind dumps for ${ran.length} cells`);
    const out = {};
    dumps.forEach((n, i) => {
      const text = fs.readFileSync(path.join(tmp, `cg.out.${n}`), 'utf8');
      const m = /^summary:\s+(\d+)/m.exec(text) || /^totals:\s+(\d+)/m.exec(text);
      if (!m) throw new Error(`insn: no summary in callgrind dump ${n} of ${row.bin}`);
      const c = ran[i];
      const ops = c.ops || Number(row.args[row.args.indexOf('--iters') + 1]);
      const design = (row.as && row.as[c.design]) || c.design;
      out[`${c.workload}/${design}`] = Math.round((Number(m[1]) / ops) * 100) / 100;
    });
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Every row's counts: { compiler, counts }.
 * @param {(m: string) => void} [log]
 */
function measure(log = () => {}) {
  const counts = {};
  for (const row of BINARIES) {
    log(`insn: ${row.name}: ${row.what}`);
    Object.assign(counts, countRow(row, log));
  }
  const compiler = compilerOf(path.join(top, BINARIES[0].dir)) || defaultCompiler();
  return { compiler, counts };
}

const pct = (a, b) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(2)}%`;

/**
 * The comparison: rows of { key, base, now, change, verdict } and the
 * failures (a cell grown past the threshold, one with no baseline, one
 * the baseline has that no binary ran).
 */
function compare(baseline, current, threshold = baseline.threshold ?? THRESHOLD) {
  const keys = [...new Set([...Object.keys(baseline.counts), ...Object.keys(current.counts)])].sort();
  const rows = [];
  const failures = [];
  for (const key of keys) {
    const base = baseline.counts[key];
    const now = current.counts[key];
    let verdict = 'ok';
    if (base === undefined) {
      verdict = 'NEW';
      failures.push(`${key}: ${now} instructions per op, not in the baseline`);
    } else if (now === undefined) {
      verdict = 'GONE';
      failures.push(`${key}: in the baseline (${base}), not measured`);
    } else if (now > base * (1 + threshold)) {
      verdict = 'GREW';
      failures.push(`${key}: ${base} -> ${now} instructions per op (${pct(now, base)}, over +${threshold * 100}%)`);
    } else if (now < base * (1 - threshold)) {
      verdict = 'shrank';
    }
    rows.push({ key, base, now, change: base !== undefined && now !== undefined ? pct(now, base) : '', verdict });
  }
  return { rows, failures };
}

function table(rows) {
  const w = Math.max(...rows.map((r) => r.key.length), 10);
  const f = (v) => (v === undefined ? '-' : String(v));
  const lines = [`  ${'workload/design'.padEnd(w)}  ${'baseline'.padStart(10)}  ${'now'.padStart(10)}  change`];
  for (const r of rows)
    lines.push(
      `  ${r.key.padEnd(w)}  ${f(r.base).padStart(10)}  ${f(r.now).padStart(10)}  ${r.change.padStart(7)}  ${r.verdict === 'ok' ? '' : r.verdict}`,
    );
  return lines.join('\n');
}

/** `bench --insn` and the test stage: { passed, failed, note }, the table printed. */
function check({ log = (m) => console.error(m), print = (m) => console.log(m) } = {}) {
  const why = cannotRun();
  if (why) {
    print(`insn: cannot judge: ${why}`);
    return { passed: 0, failed: 1, note: why };
  }
  const baseline = readBaseline();
  const current = measure(log);
  const { rows, failures } = compare(baseline, current);
  print(`instructions per op (callgrind Ir / ops, ${current.compiler}), baseline bench/baseline.json:`);
  print(table(rows));
  const shrank = rows.filter((r) => r.verdict === 'shrank').length;
  if (shrank)
    print(`insn: ${shrank} cell(s) shrank by more than ${THRESHOLD * 100}%: npm run bench:baseline records the gain`);
  if (failures.length) {
    print(`insn: FAILED, ${failures.length} cell(s):`);
    for (const f of failures) print(`  ${f}`);
    print('insn: if the growth is meant, update the baseline in the same commit: npm run bench:baseline');
    return { passed: rows.length - failures.length, failed: failures.length };
  }
  print(`insn: ${rows.length} cells within +${THRESHOLD * 100}% of the baseline`);
  return { passed: rows.length, failed: 0 };
}

/** `bench --update-baseline`: counts again, rewrites bench/baseline.json, prints the diff. */
function updateBaseline({ log = (m) => console.error(m), print = (m) => console.log(m) } = {}) {
  if (!haveValgrind()) throw new Error('insn: valgrind not found (apt-get install valgrind)');
  const old = readBaseline() || { counts: {} };
  const current = measure(log);
  const { rows } = compare(old, current, THRESHOLD);
  const changed = rows.filter((r) => r.base !== r.now);
  const out = {
    what: 'callgrind instructions per op of each workload/design (tools/insn-guard.js); npm run bench:baseline rewrites it',
    compiler: current.compiler,
    valgrind: spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).stdout.trim(),
    threshold: THRESHOLD,
    counts: Object.fromEntries(
      Object.keys(current.counts)
        .sort()
        .map((k) => [k, current.counts[k]]),
    ),
  };
  fs.writeFileSync(BASELINE, JSON.stringify(out, null, 2) + '\n');
  if (old.compiler && old.compiler !== out.compiler) print(`insn: compiler ${old.compiler} -> ${out.compiler}`);
  print(changed.length ? table(changed) : '  (no count changed)');
  print(`insn: wrote ${path.relative(process.cwd(), BASELINE)}: ${rows.length} cells, ${changed.length} changed`);
  return out;
}

module.exports = { BINARIES, THRESHOLD, cannotRun, measure, compare, check, updateBaseline, compilerOf };
