#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// skbext: the command line (`skbext --help` lists the commands). Options
// are read with node:util's parseArgs in strict mode: an unknown command or
// option, or an option without its value, prints one line and the usage to
// stderr and exits 2; any other error prints one line (`skbext: ...`, the
// stack only with --debug) and exits 1. `--help` anywhere prints the usage
// to stdout and runs nothing.
// Every command works from an installed copy (node_modules/skbext, no
// repository around it): what bench and oracle build on first use goes to
// the cache folder of tools/cache-dir.js, never into the package.
'use strict';
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');

const top = path.resolve(__dirname, '..');
const lib = () => require(path.join(top, 'dist', 'lib'));
const argv = process.argv.slice(2);
const debug = argv.includes('--debug');

/** A misuse of the command line: exit 2 with the usage. */
class UsageError extends Error {
  /** @param {string} message @param {string} [cmd] */
  constructor(message, cmd) {
    super(message);
    this.cmd = cmd;
  }
}

// A reader that went away (`skbext demo | head -3`) is not an error.
process.stdout.on('error', (/** @type {NodeJS.ErrnoException} */ e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode || 0);
  fail(e);
});

/** @param {any} e */
function fail(e) {
  if (e instanceof UsageError) {
    process.stderr.write(`skbext${e.cmd ? ` ${e.cmd}` : ''}: ${e.message}\n${usage(e.cmd)}\n`);
    process.exit(2);
  }
  const msg = e && e.message ? e.message : String(e);
  process.stderr.write(debug && e && e.stack ? `${e.stack}\n` : `skbext: ${msg.split('\n')[0]}\n`);
  if (!debug && msg.includes('\n')) process.stderr.write(`${msg.split('\n').slice(1).join('\n')}\n`);
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

/** @type {{ type: 'boolean' }} */
const flag = { type: 'boolean' };
/** @type {{ type: 'string' }} */
const value = { type: 'string' };

/** @typedef {NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>} ParseOptions */

/**
 * Each command: its usage line, its options (parseArgs's form; --help and
 * --debug are every command's), how many FILE operands it takes, and what
 * it does with the parsed values.
 * @type {Record<string, { usage: string, options: ParseOptions, operands?: [number, number], run: (v: any, files: string[]) => any }>}
 */
const COMMANDS = {
  demo: {
    usage: 'skbext demo',
    options: {},
    run: () => {
      process.exitCode = require('./demo').demo() ? 0 : 1;
    },
  },
  layout: {
    usage: 'skbext layout [--json]',
    options: { json: flag },
    run: (v) => {
      const { layout, formatLayout, formatConfig, config } = lib();
      const structs = layout();
      if (v.json) console.log(JSON.stringify(structs, null, 2));
      else process.stdout.write(formatConfig(config()) + formatLayout(structs));
    },
  },
  oracle: {
    usage: 'skbext oracle [--tapes N] [--seed S] [--layout] [--design cache|in_head]',
    options: { tapes: value, seed: value, layout: flag, design: value },
    run: (v) => {
      const { compare } = require('./oracle-compare');
      const design = v.design === undefined ? 'none' : String(v.design);
      if (!['none', 'cache', 'in_head'].includes(design)) {
        console.error(`skbext oracle: --design ${design}: no such design (have: cache, in_head)`);
        process.exitCode = 2;
        return;
      }
      const r = compare({
        tapes: whole(v, 'tapes', 300),
        seed: whole(v, 'seed', 1),
        layoutOnly: !!v.layout,
        design,
      });
      if (r.missing) {
        // said before anything boots: what to install, nothing else
        console.error(`skbext oracle: cannot run; missing:\n${r.missing.map((m) => `  - ${m}`).join('\n')}`);
        process.exitCode = 2;
        return;
      }
      console.log(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
      process.exitCode = r.failed ? 1 : 0;
    },
  },
  designs: {
    usage: 'skbext designs [--design cache|in_head] [--tapes N] [--seed S]',
    options: { design: value, tapes: value, seed: value },
    run: (v) => {
      // issue 18: a design's build against the default's, trace for trace
      const { compareDesign, DESIGNS } = require('./design-compare');
      const designs = v.design === undefined ? DESIGNS : [String(v.design)];
      let failed = 0;
      for (const d of designs) {
        if (!DESIGNS.includes(d)) {
          console.error(`skbext designs: --design ${d}: no such design (have: ${DESIGNS.join(', ')})`);
          process.exitCode = 2;
          return;
        }
        const r = compareDesign({ design: d, tapes: whole(v, 'tapes', 300), seed: whole(v, 'seed', 1) });
        if (r.note) console.log(`design ${d}: ${r.note}`);
        failed += r.failed;
      }
      process.exitCode = failed ? 1 : 0;
    },
  },
  replay: {
    usage: 'skbext replay FILE|- [--format binary|hex|text] [--trace] [--no-faults] [--json]',
    options: { format: value, text: flag, trace: flag, 'no-faults': flag, json: flag },
    operands: [1, 1],
    run: (v, [file]) => replay(v, file),
  },
  fuzz: {
    usage:
      'skbext fuzz [--seconds N] [--tapes N] [--seed S] [--jobs N] [--out DIR] [--progress SECS] [--json]\n' +
      '       skbext fuzz --api [--seconds N] [--calls N] [--seed S] [--out DIR] [--progress SECS] [--json]\n' +
      '       skbext fuzz --api --replay FILE [--json]',
    options: {
      seconds: value,
      tapes: value,
      seed: value,
      jobs: value,
      out: value,
      progress: value,
      json: flag,
      api: flag,
      calls: value,
      replay: value,
    },
    run: (v) => (v.api ? apiFuzzCommand(v) : fuzzCommand(v)),
  },
  soak: {
    usage: 'skbext soak [--minutes N] [--workers N] [--seed S] [--sample SECS] [--warmup SAMPLES] [--json]',
    options: { minutes: value, workers: value, seed: value, sample: value, warmup: value, json: flag },
    run: (v) => soakCommand(v),
  },
  bench: {
    usage:
      'skbext bench [--quick] [--json FILE] [--svg DIR] [--callgrind] [--no-callgrind] [--no-headline] [--build-dir DIR] [--bin PATH]\n' +
      '       skbext bench --insn | --update-baseline   instructions per op vs bench/baseline.json (the guard), or rewrite it',
    options: {
      insn: flag,
      'update-baseline': flag,
      quick: flag,
      json: value,
      svg: value,
      callgrind: flag,
      'no-callgrind': flag,
      'no-headline': flag,
      'build-dir': value,
      bin: value,
    },
    run: (v) => {
      if (v.insn || v['update-baseline']) {
        // the instruction guard: counts, not timings (repository only: it builds with CMake)
        if (!require('./cache-dir').inRepo())
          throw new Error('bench --insn and --update-baseline run in the repository (they build the port with CMake)');
        const g = require('./insn-guard');
        if (v['update-baseline']) return void g.updateBaseline();
        if (g.check().failed) process.exitCode = 1;
        return;
      }
      // bench/c's designs and bench/js's N-API and tape figures, one run
      const b = require('./bench');
      /** @type {Record<string, any>} */
      const opts = { quick: v.quick, json: v.json, svg: v.svg, buildDir: v['build-dir'], bin: v.bin };
      if (v.callgrind) opts.callgrind = true;
      if (v['no-callgrind']) opts.callgrind = false;
      if (v['no-headline']) opts.headline = false;
      for (const k of Object.keys(opts)) if (opts[k] === undefined) delete opts[k];
      return b.bench(opts).then((/** @type {any} */ r) => {
        console.log(b.report(r));
        if (opts.json) console.log(`json: ${path.relative(process.cwd(), path.resolve(opts.json))}`);
        if (r.svg) console.log(`svg: ${r.svg.join(', ')}`);
        console.log(`(${r.seconds.toFixed(1)} s)`);
      });
    },
  },
  pcap: {
    usage: 'skbext pcap FILE',
    options: {},
    operands: [1, 1],
    run: (v, [file]) => pcap(file),
  },
  tape: {
    usage: 'skbext tape encode|decode [--from binary|hex|text] [--to binary|hex|text] [--output FILE] FILE|-',
    options: { from: value, to: value, output: { type: 'string', short: 'o' } },
    operands: [2, 2],
    run: (v, [dir, file]) => tape(v, dir, file),
  },
};

const HELP = `Options of every command: --help (this text, runs nothing), --debug (stack traces).
FILE may be - (stdin) where a tape is read. A tape's form (binary, hex or text)
is read from its content; --format or --from forces one.
skbext --version prints the version.`;

/** @param {string} [cmd] */
function usage(cmd) {
  const c = cmd && COMMANDS[cmd];
  if (c) return `usage: ${c.usage}`;
  const lines = Object.values(COMMANDS).map((x, i) => `${i ? '      ' : 'usage:'} ${x.usage}`);
  return `${lines.join('\n')}\n       skbext help [COMMAND]\n       skbext --version\n\n${HELP}`;
}

/** A whole-number option, or its default. */
function whole(v, name, dflt) {
  if (v[name] === undefined) return dflt;
  if (!/^\d+$/.test(v[name])) throw new UsageError(`--${name} takes a whole number, not '${v[name]}'`, cmdName);
  return Number(v[name]);
}

/** One of `list`, or a usage error. */
function oneOf(v, name, list) {
  if (v[name] !== undefined && !list.includes(v[name]))
    throw new UsageError(`--${name} takes ${list.join(', ')}, not '${v[name]}'`, cmdName);
  return v[name];
}

/** @param {string} file */
function readInput(file) {
  return file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
}

function replay(v, file) {
  const io = require('./tape-io');
  const forced = oneOf(v, 'format', io.FORMATS) || (v.text ? 'text' : undefined);
  const L = lib();
  const buf = readInput(file);
  const format = forced || io.detectFormat(buf);
  const bytes = io.toBytes(L, buf, format, file === '-' ? 'stdin' : file);
  L.debug.slab(true);
  const r = require('./fuzz').runInProcess(L, bytes, { noFaults: !!v['no-faults'] });
  process.exitCode = r.status;
  if (v.json) {
    // the shape docs say: ops, skipped and truncated as decoded; results,
    // one { n, op, result } an op run; trace, the text trace's lines
    // (the state after each op included); errors, the leak check's lines
    const d = L.decodeTape(bytes);
    const trace = r.stdout.split('\n').filter((/** @type {string} */ l) => l);
    const results = [];
    for (const l of trace) {
      const m = /^#(\d+) (.*) = (.*)$/.exec(l);
      if (m) results.push({ n: Number(m[1]), op: m[2], result: m[3] });
    }
    const out = {
      file,
      format,
      ops: d.ops.length,
      skipped: d.skipped,
      truncated: d.truncated,
      status: r.status,
      results,
      trace,
      errors: r.stderr.split('\n').filter((/** @type {string} */ l) => l),
    };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  // without --trace, only the ops and their results; with it, the state after each
  const lines = r.stdout.split('\n').filter((/** @type {string} */ l) => v.trace || !l.startsWith('  |'));
  process.stdout.write(lines.join('\n'));
  process.stderr.write(r.stderr);
}

/*
 * fuzz on N worker threads (one per core unless --jobs says). The seed is
 * random unless --seed gives one, and is printed first, so that a run can
 * be repeated. Progress goes to stderr: one line rewritten in place on a
 * terminal, a plain line every --progress seconds (10) otherwise. Ctrl-C
 * stops the jobs, prints the summary, keeps what was found, exits 130.
 */
function fuzzCommand(v) {
  const { fuzzJobs } = require('./fuzz');
  const seed = v.seed === undefined ? require('crypto').randomInt(1, 2 ** 31) : whole(v, 'seed', 1);
  const jobs = whole(v, 'jobs', require('os').availableParallelism());
  if (jobs < 1) throw new UsageError('--jobs takes a whole number of 1 or more', cmdName);
  const seconds = whole(v, 'seconds', 60);
  const maxTapes = whole(v, 'tapes', Infinity);
  const every = whole(v, 'progress', 10);
  const out = v.out === undefined ? undefined : path.resolve(v.out);
  const tty = !!process.stderr.isTTY;
  process.stderr.write(
    `fuzz: seed ${seed} (--seed ${seed} repeats it), ${jobs} job${jobs > 1 ? 's' : ''}, ${seconds} s${maxTapes === Infinity ? '' : ` or ${maxTapes} tapes`}${out ? `, corpus and crashes in ${out}` : ''}\n`,
  );
  /** @param {{ tapes: number, seconds: number, opsPerSecond: number, divergences: number }} p */
  const line = (p) =>
    `fuzz: ${p.tapes} tapes, ${p.opsPerSecond} ops/s, ${p.seconds.toFixed(0)}/${seconds} s, ${p.divergences} divergences`;
  let shown = false;
  const ac = new AbortController();
  // a second Ctrl-C does not wait for the jobs
  const onInt = () => (ac.signal.aborted ? process.exit(130) : ac.abort());
  process.on('SIGINT', onInt);
  return fuzzJobs({
    seconds,
    seed,
    jobs,
    out,
    maxTapes,
    signal: ac.signal,
    progressMs: tty ? 250 : every * 1000,
    onProgress:
      tty || every > 0
        ? (p) => {
            shown = true;
            process.stderr.write(tty ? `\r${line(p)}\x1b[K` : `${line(p)}\n`);
          }
        : undefined,
  }).then((r) => {
    process.off('SIGINT', onInt);
    if (tty && shown) process.stderr.write('\n');
    if (v.json) console.log(JSON.stringify(r));
    else {
      if (r.interrupted) console.log('fuzz: interrupted');
      console.log(
        `fuzz: seed ${r.seed}, ${r.jobs} job${r.jobs > 1 ? 's' : ''}: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s, model-checked), ${r.divergences} divergences`,
      );
      if (r.corpus) console.log(`corpus: ${r.corpus.added} new tapes in ${r.corpus.dir}`);
      if (r.failure)
        console.log(
          `${r.failure.why}\nshrunk tape (job ${r.failure.job}, seed ${r.failure.seed}): ${r.failure.tape}\n${r.failure.text}`,
        );
    }
    process.exitCode = r.interrupted ? 130 : r.divergences ? 1 : 0;
  });
}

/*
 * fuzz --api: random programs over the whole API against the lifetime
 * model of tools/api-fuzz.js, in this thread (it loads the addon
 * SKBEXT_ADDON names, as every command does). --replay runs one saved
 * program and says pass or fail.
 */
function apiFuzzCommand(v) {
  const api = require('./api-fuzz');
  const L = lib();
  // the drivers' netdev_err() lines, as for the tape fuzzer: counted, not printed
  L.debug.consoleLoglevel(1);
  if (v.replay !== undefined) {
    return api.replayProgram(L, path.resolve(v.replay)).then((r) => {
      if (v.json) console.log(JSON.stringify(r));
      else console.log(r.ok ? `replay: pass (${r.calls} calls)` : `replay: FAIL after ${r.calls} calls: ${r.why}`);
      process.exitCode = r.ok ? 0 : 1;
    });
  }
  const seed = v.seed === undefined ? require('crypto').randomInt(1, 2 ** 31) : whole(v, 'seed', 1);
  const seconds = whole(v, 'seconds', 60);
  const maxCalls = whole(v, 'calls', Infinity);
  const every = whole(v, 'progress', 10);
  const out = path.resolve(v.out === undefined ? 'api-fuzz-failures' : v.out);
  const tty = !!process.stderr.isTTY;
  process.stderr.write(
    `fuzz --api: seed ${seed} (--seed ${seed} repeats it), ${seconds} s, failures saved in ${out}\n`,
  );
  let last = 0;
  return api
    .runApiPrograms({
      seed,
      seconds,
      maxCalls,
      lib: L,
      out,
      onProgress:
        tty || every > 0
          ? (p) => {
              if (!tty && p.seconds - last < every) return;
              last = p.seconds;
              const l = `fuzz --api: ${p.calls} calls, ${p.programs} programs, ${p.seconds.toFixed(0)}/${seconds} s`;
              process.stderr.write(tty ? `\r${l}\x1b[K` : `${l}\n`);
            }
          : undefined,
    })
    .then((r) => {
      if (tty) process.stderr.write('\n');
      const f = r.failures[0];
      if (v.json) console.log(JSON.stringify({ ...r, failures: r.failures.map(({ program, ...rest }) => rest) }));
      else {
        console.log(
          `fuzz --api: seed ${r.seed}: ${r.calls} calls, ${r.programs} programs in ${r.seconds} s (${r.callsPerSecond} calls/s), ${r.failures.length} failures`,
        );
        if (f)
          console.log(
            `${f.shrunkWhy || f.why}\nfound after ${f.callsToFind} calls; shrunk program (${f.shrunkSteps} steps): ${f.file}\n` +
              `replay: npx skbext fuzz --api --replay ${f.file}`,
          );
      }
      process.exitCode = f ? 1 : 0;
    });
}

/**
 * soak: WORKERS worker_threads on tapes, API programs and dropped objects,
 * one terminated and replaced every few seconds, for --minutes; one line
 * per sample (resident set, heap, slabs, live objects), then the verdict.
 * Ctrl-C ends the run early and still checks for leaks.
 */
function soakCommand(v) {
  const { soak } = require('./soak');
  const seed = v.seed === undefined ? require('crypto').randomInt(1, 2 ** 31) : whole(v, 'seed', 1);
  const minutes = Number(v.minutes ?? 10);
  if (!(minutes > 0)) throw new UsageError('--minutes takes a number above 0', cmdName);
  const workers = whole(v, 'workers', 4);
  if (workers < 1) throw new UsageError('--workers takes a whole number of 1 or more', cmdName);
  const sampleSeconds = whole(v, 'sample', 60);
  if (sampleSeconds < 1) throw new UsageError('--sample takes a whole number of seconds, 1 or more', cmdName);
  const warmup = whole(v, 'warmup', 1);
  const ac = new AbortController();
  const onInt = () => (ac.signal.aborted ? process.exit(130) : ac.abort());
  process.on('SIGINT', onInt);
  process.stderr.write(`soak: seed ${seed}, ${workers} workers, ${minutes} min, a sample every ${sampleSeconds} s\n`);
  return soak({
    minutes,
    workers,
    seed,
    sampleSeconds,
    warmup,
    signal: ac.signal,
    onSample: v.json
      ? undefined
      : (/** @type {any} */ s) =>
          console.log(
            `soak: ${s.seconds} s: rss ${s.rssMiB} MiB, heap ${s.heapMiB} MiB, slabs ${s.slabs}, live ${s.live}; ` +
              `${s.tapes} tapes, ${s.apiCalls} API calls, ${s.dropped} dropped, ${s.terminations} terminations`,
          ),
  }).then((r) => {
    process.off('SIGINT', onInt);
    if (v.json) console.log(JSON.stringify(r));
    else {
      console.log(
        `soak: seed ${r.seed}, ${r.seconds} s: ${r.tapes} tapes (${r.ops} ops), ${r.apiCalls} API calls, ` +
          `${r.dropped} objects dropped and collected in ${r.gcs} GCs, ${r.terminations} workers terminated; ` +
          `end: ${r.end.live} live`,
      );
      for (const f of r.failures) console.log(f);
      console.log(r.failures.length ? `soak: FAILED (${r.failures.length})` : 'soak: passed');
    }
    process.exitCode = r.interrupted ? 130 : r.failures.length ? 1 : 0;
  });
}

function pcap(file) {
  // one segment per DSS variant (the set test/js/mptcp.test.ts checks with tshark), for Wireshark
  const L = lib();
  const built = [];
  try {
    for (const v of L.dssVariants()) {
      const r = L.buildDssVariant(v);
      if (!r) throw new Error(`pcap: could not build '${v.name}' (allocation failed)`);
      built.push({ v, ...r });
    }
    L.writePcap(
      file,
      built.map((b) => b.skb),
    );
    built.forEach((b, i) => console.log(`${String(i + 1).padStart(2)}  ${b.v.name}: DSS ${b.written} bytes`));
    console.log(`${file}: ${built.length} segments, LINKTYPE_RAW (open it in Wireshark, or: tshark -r ${file} -V)`);
  } finally {
    for (const b of built) b.skb.free();
  }
}

// encode: to binary unless --to says; decode: to text unless --to says.
function tape(v, dir, file) {
  if (dir !== 'encode' && dir !== 'decode') throw new UsageError(`unknown subcommand '${dir}'`, 'tape');
  const io = require('./tape-io');
  const to = oneOf(v, 'to', io.FORMATS) || (dir === 'encode' ? 'binary' : 'text');
  const forced = oneOf(v, 'from', io.FORMATS);
  const L = lib();
  const buf = readInput(file);
  const from = forced || io.detectFormat(buf);
  const bytes = io.toBytes(L, buf, from, file === '-' ? 'stdin' : file);
  if (to === 'text') {
    const d = L.decodeTape(bytes);
    if (d.skipped || d.truncated)
      process.stderr.write(
        `skbext tape: warning: the text keeps the ${d.ops.length} ops the executor runs, not ${d.skipped} skipped bytes${d.truncated ? ' and a truncated last op' : ''}\n`,
      );
  }
  const out = io.fromBytes(L, bytes, to);
  if (v.output !== undefined) fs.writeFileSync(v.output, out);
  else if (to === 'binary' && process.stdout.isTTY)
    throw new Error('tape: not writing binary to a terminal (use --output FILE, --to hex, or a pipe)');
  else process.stdout.write(out);
}

/** @type {string | undefined} */
let cmdName;

function main() {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return console.log(require(path.join(top, 'package.json')).version);
  if (first === undefined || first === '--help' || first === '-h') {
    if (first === undefined) throw new UsageError('no command given');
    return console.log(usage());
  }
  if (first === 'help') {
    if (rest[0] !== undefined && !COMMANDS[rest[0]]) throw new UsageError(`unknown command '${rest[0]}'`);
    return console.log(usage(rest[0]));
  }
  if (first.startsWith('-') && first !== '--debug') throw new UsageError(`unknown option '${first}'`);
  const args = first === '--debug' ? rest : argv.slice(1);
  cmdName = first === '--debug' ? rest[0] : first;
  const c = cmdName !== undefined ? COMMANDS[cmdName] : undefined;
  if (!c) throw new UsageError(cmdName === undefined ? 'no command given' : `unknown command '${cmdName}'`);
  /** @type {{ values: Record<string, any>, positionals: string[] }} */
  let parsed;
  try {
    parsed = parseArgs({
      args: args.slice(first === '--debug' ? 1 : 0),
      options: { ...c.options, help: { type: 'boolean', short: 'h' }, debug: flag },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseError(/** @type {any} */ (e)), cmdName);
  }
  if (parsed.values.help) return console.log(usage(cmdName));
  const [lo, hi] = c.operands || [0, 0];
  const files = parsed.positionals;
  if (files.length < lo) throw new UsageError(hi > 1 ? 'missing operands' : 'missing FILE', cmdName);
  if (files.length > hi) throw new UsageError(`unexpected operand '${files[hi]}'`, cmdName);
  return c.run(parsed.values, files);
}

// parseArgs's messages, made one line in the words of the usage
function parseError(e) {
  const name = (/'(-[^' ]+)/.exec(e.message) || [])[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${name}'`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing|ambiguous/.test(e.message)) return `option '${name}' needs a value`;
    return `option '${name}' takes no value`;
  }
  return e.message.split('\n')[0];
}

Promise.resolve().then(main).catch(fail);
