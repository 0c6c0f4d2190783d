#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// `npm install`: the addon and nothing else. A prebuild that loads on this
// machine (prebuilds/, node-gyp-build's choice) is used as it is; otherwise,
// or with --build-from-source (npm_config_build_from_source), the addon is
// built from csrc/ with node-gyp (binding.gyp), on every core.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const fromSource = process.env.npm_config_build_from_source === 'true' || process.argv.includes('--build-from-source');

function prebuildLoads() {
  try {
    require(require('node-gyp-build').path(top));
    return true;
  } catch {
    return false;
  }
}

/** npm's own node-gyp (npm passes its path to install scripts), else one on PATH. */
function nodeGyp() {
  const cands = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  const f = cands.find((c) => c && fs.existsSync(c));
  return f ? [process.execPath, f] : ['node-gyp'];
}

if (!fromSource && prebuildLoads()) {
  console.log('skbext: using the addon found by node-gyp-build (prebuilds/ or an earlier build)');
  process.exit(0);
}

const [cmd, ...pre] = nodeGyp();
// the Node headers offline: the machine's, as npm's nodedir setting says
const nodedir = process.env.npm_config_nodedir || (fs.existsSync('/usr/include/node/node_api.h') ? '/usr' : '');
const args = [
  ...pre,
  'rebuild',
  '-j',
  String(Math.max(1, os.cpus().length)),
  ...(nodedir ? [`--nodedir=${nodedir}`] : []),
];
console.log(`skbext: building the addon from source: node-gyp ${args.slice(pre.length).join(' ')}`);
const r = spawnSync(cmd, args, { cwd: top, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('skbext: the source build failed; it needs gcc/g++, make and python3 (see README, "Set-up")');
  process.exit(r.status || 1);
}
