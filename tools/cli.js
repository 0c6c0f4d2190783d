#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// skbext: the command line.
//   skbext layout [--json]
//   skbext oracle [--tapes N] [--seed S] [--layout]
//   skbext replay FILE [--text]
//   skbext fuzz [--seconds N] [--seed S] [--out DIR] [--json]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const top = path.resolve(__dirname, '..');
const [cmd, ...rest] = process.argv.slice(2);

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
  console.error('usage: skbext layout [--json]\n       skbext oracle [--tapes N] [--seed S] [--layout]\n       skbext replay FILE [--text]\n       skbext fuzz [--seconds N] [--seed S] [--out DIR] [--json]');
  process.exit(code);
}

switch (cmd) {
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
    console.log(`${r.passed} passed, ${r.failed} failed`);
    process.exitCode = r.failed ? 1 : 0;
    break;
  }
  case 'fuzz': {
    const i = rest.indexOf('--out');
    const r = require('./fuzz').fuzz({
      seconds: opt('--seconds', 60), seed: opt('--seed', 1), json: rest.includes('--json'),
      out: i >= 0 ? path.resolve(rest[i + 1]) : undefined,
    });
    if (rest.includes('--json')) console.log(JSON.stringify(r));
    else {
      console.log(`fuzz: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s, model-checked), ${r.divergences} divergences`);
      if (r.failure) console.log(`${r.failure.why}\nshrunk tape: ${r.failure.tape}`);
    }
    process.exitCode = r.divergences ? 1 : 0;
    break;
  }
  case 'replay': {
    const file = rest.find((a) => !a.startsWith('--'));
    if (!file) usage(2);
    let bytes = fs.readFileSync(file);
    if (rest.includes('--text') || file.endsWith('.txt')) {
      const { encodeTape, parseTapeText } = require(path.join(top, 'dist', 'lib'));
      bytes = Buffer.from(encodeTape(parseTapeText(bytes.toString('utf8'))));
      const tmp = path.join(require('os').tmpdir(), `skbext-replay-${process.pid}.tape`);
      fs.writeFileSync(tmp, bytes);
      bytes = tmp;
    } else {
      bytes = file;
    }
    const r = spawnSync(path.join(top, 'build-c', 'tape_run'), [bytes], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
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
