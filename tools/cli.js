#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// skbext: the command line.
//   skbext demo
//   skbext layout [--json]
//   skbext oracle [--tapes N] [--seed S] [--layout]
//   skbext replay FILE [--trace] [--text] [--no-faults]
//   skbext fuzz [--seconds N] [--seed S] [--out DIR] [--json]
//   skbext bench [--quick] [--json FILE] [--svg DIR] [--no-callgrind]
//   skbext pcap FILE
// Every command works from an installed copy (node_modules/skbext, no
// repository around it): what bench and oracle build on first use goes to
// the cache folder of tools/cache-dir.js, never into the package.
'use strict';
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const [cmd, ...rest] = process.argv.slice(2);

// An addon that is not there is a setup problem, not a crash: one line;
process.on('uncaughtException', (/** @type {Error & { code?: string, syscall?: string }} */ e) => {
  // so is a file that is not there (replay FILE, pcap FILE): Node's message
  if (e && (e.code === 'ERR_ADDON_NOT_BUILT' || e.syscall)) console.error(`skbext: ${e.message}`);
  else console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});

function opt(name, dflt) {
  const i = rest.indexOf(name);
  if (i < 0) return dflt;
  const v = rest[i + 1];
  if (v === undefined || !/^\d+$/.test(v)) {
    console.error(`skbext: ${name} takes a whole number`);
    process.exit(2);
  }
  return Number(v);
}

function usage(code) {
  console.error(
    'usage: skbext demo\n       skbext layout [--json]\n       skbext oracle [--tapes N] [--seed S] [--layout]\n       skbext replay FILE [--trace] [--text] [--no-faults]\n       skbext fuzz [--seconds N] [--seed S] [--out DIR] [--json]\n       skbext bench [--quick] [--json FILE] [--svg DIR] [--no-callgrind]\n       skbext pcap FILE',
  );
  process.exit(code);
}

switch (cmd) {
  case 'demo':
    process.exitCode = require('./demo').demo() ? 0 : 1;
    break;
  case 'layout': {
    const { layout, formatLayout } = require(path.join(top, 'dist', 'lib'));
    const structs = layout();
    if (rest.includes('--json')) console.log(JSON.stringify(structs, null, 2));
    else process.stdout.write(formatLayout(structs));
    break;
  }
  case 'oracle': {
    const { compare } = require('./oracle-compare');
    const r = compare({ tapes: opt('--tapes', 300), seed: opt('--seed', 1), layoutOnly: rest.includes('--layout') });
    if (r.missing) {
      // said before anything boots: what to install, nothing else
      console.error(`skbext oracle: cannot run; missing:\n${r.missing.map((m) => `  - ${m}`).join('\n')}`);
      process.exitCode = 2;
      break;
    }
    console.log(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
    process.exitCode = r.failed ? 1 : 0;
    break;
  }
  case 'fuzz': {
    const i = rest.indexOf('--out');
    const r = require('./fuzz').fuzz({
      seconds: opt('--seconds', 60),
      seed: opt('--seed', 1),
      json: rest.includes('--json'),
      out: i >= 0 ? path.resolve(rest[i + 1]) : undefined,
    });
    if (rest.includes('--json')) console.log(JSON.stringify(r));
    else {
      console.log(
        `fuzz: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s, model-checked), ${r.divergences} divergences`,
      );
      if (r.failure) console.log(`${r.failure.why}\nshrunk tape: ${r.failure.tape}`);
    }
    process.exitCode = r.divergences ? 1 : 0;
    break;
  }
  case 'replay': {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) usage(2);
    const lib = require(path.join(top, 'dist', 'lib'));
    /** @type {Uint8Array} */
    let bytes = fs.readFileSync(file);
    if (rest.includes('--text') || file.endsWith('.txt'))
      bytes = lib.encodeTape(lib.parseTapeText(Buffer.from(bytes).toString('utf8')));
    else if (file.endsWith('.hex')) bytes = require('./tape-gen').readHexTape(file);
    lib.debug.slab(true);
    const r = require('./fuzz').runInProcess(lib, bytes, { noFaults: rest.includes('--no-faults') });
    // without --trace, only the ops and their results; with it, the state after each
    const lines = r.stdout.split('\n').filter((l) => rest.includes('--trace') || !l.startsWith('  |'));
    process.stdout.write(lines.join('\n'));
    process.stderr.write(r.stderr);
    process.exitCode = r.status;
    break;
  }
  case 'bench': {
    // bench/c's designs and bench/js's N-API and tape figures, one run
    const b = require('./bench');
    let opts;
    try {
      opts = b.parseArgs(rest);
    } catch (e) {
      console.error(`skbext ${e.message}`);
      usage(2);
    }
    if (opts.help) usage(0);
    b.bench(opts).then(
      (r) => {
        console.log(b.report(r));
        if (opts.json) console.log(`json: ${path.relative(process.cwd(), path.resolve(opts.json))}`);
        if (r.svg) console.log(`svg: ${r.svg.join(', ')}`);
        console.log(`(${r.seconds.toFixed(1)} s)`);
      },
      (e) => {
        console.error(e.message || e);
        process.exitCode = 1;
      },
    );
    break;
  }
  case 'pcap': {
    // one segment per DSS variant (the set test/js/mptcp.test.ts checks with tshark), for Wireshark
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) usage(2);
    const lib = require(path.join(top, 'dist', 'lib'));
    const built = [];
    try {
      for (const v of lib.dssVariants()) {
        const r = lib.buildDssVariant(v);
        if (!r) throw new Error(`skbext pcap: could not build '${v.name}' (allocation failed)`);
        built.push({ v, ...r });
      }
      lib.writePcap(
        file,
        built.map((b) => b.skb),
      );
      built.forEach((b, i) => console.log(`${String(i + 1).padStart(2)}  ${b.v.name}: DSS ${b.written} bytes`));
      console.log(`${file}: ${built.length} segments, LINKTYPE_RAW (open it in Wireshark, or: tshark -r ${file} -V)`);
    } catch (e) {
      console.error(e.message || e);
      process.exitCode = 1;
    } finally {
      for (const b of built) b.skb.free();
    }
    break;
  }
  case undefined:
  case '--help':
  case '-h':
    usage(cmd === undefined ? 2 : 0);
    break;
  default:
    console.error(`skbext: unknown command '${cmd}'`);
    usage(2);
}
