#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// What `npm install` runs: everything `npm test` needs, from source.
//   node tools/build.js [c] [ts]     (no argument: both)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const want = process.argv.slice(2);
const all = want.length === 0;

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: top, stdio: 'inherit' });
}

if (all || want.includes('c')) {
  // The C core, its KUnit tests plain and under ASan+UBSan, the tape runner.
  run('cmake', ['-S', '.', '-B', 'build-c', '-DCMAKE_BUILD_TYPE=RelWithDebInfo']);
  run('cmake', ['--build', 'build-c', '-j', String(Math.max(2, require('os').cpus().length))]);
}

if (all || want.includes('ts')) {
  const tsc = path.join(top, 'node_modules', 'typescript', 'bin', 'tsc');
  if (fs.existsSync(tsc)) {
    run(process.execPath, [tsc, '-p', 'tsconfig.json']);
  } else {
    // Installed as a dependency without dev tools: ship what is built.
    console.log('build: typescript is not installed; skipping the TypeScript build');
  }
}
