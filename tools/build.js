#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// The developer build (`npm run build:dev`, and `npm test` before its
// stages): what the tests need besides the addon `npm install` builds.
//   node tools/build.js [c] [addon] [asan] [ts]     (no argument: all)
//   c      the C core, its KUnit tests plain and under ASan+UBSan, the tape
//          runner, the mutants, the layout dump (CMake, build-c/)
//   addon  the Node addon (node-gyp, binding.gyp) into build/Release
//   asan   the same addon under ASan+UBSan (cmake-js) into build-asan/Release
//   ts     the TypeScript into dist/
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const want = process.argv.slice(2);
const all = want.length === 0;
const jobs = String(Math.max(2, os.cpus().length));

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: top, stdio: 'inherit' });
}

// `npx skbext ...` in a clone: npm links dependencies' bins, not the
// project's own, so link it the way npm would for a dependency.
const binDir = path.join(top, 'node_modules', '.bin');
if (all && fs.existsSync(path.join(top, 'node_modules'))) {
  const link = path.join(binDir, 'skbext');
  fs.mkdirSync(binDir, { recursive: true });
  try {
    fs.lstatSync(link);
  } catch {
    fs.symlinkSync(path.join('..', '..', 'tools', 'cli.js'), link);
  }
}

if (all || want.includes('c')) {
  run('cmake', ['-S', '.', '-B', 'build-c', '-DCMAKE_BUILD_TYPE=RelWithDebInfo']);
  run('cmake', ['--build', 'build-c', '-j', jobs]);
}

if (all || want.includes('addon')) {
  // the same source build `npm install` falls back to: one way to find node-gyp
  run(process.execPath, [path.join(top, 'tools', 'install.js'), '--build-from-source']);
}

const cmakeJs = path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
if (all || want.includes('asan')) {
  if (fs.existsSync(cmakeJs)) {
    run(process.execPath, [cmakeJs, 'build', '-O', 'build-asan', '--CDSKBEXT_ADDON_SANITIZE=ON']);
  } else {
    console.log('build: cmake-js is not installed (a dev dependency); skipping the ASan addon');
  }
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
