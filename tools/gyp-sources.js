#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// The addon's sources for binding.gyp, found as CMakeLists.txt finds them
// (every .c under the core's folders, every .cc under csrc/napi), so a new
// file needs no edit in two build systems. Paths are relative to the top.
'use strict';
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const dirs = ['csrc/mm', 'csrc/kernel', 'csrc/lib', 'csrc/net', 'csrc/drivers', 'csrc/skbext', 'csrc/tape', 'csrc/napi'];

function walk(rel, out) {
  let ents;
  try {
    ents = fs.readdirSync(path.join(top, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of ents.sort((a, b) => a.name.localeCompare(b.name))) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(r, out);
    else if (/\.(c|cc)$/.test(e.name) && (rel.startsWith('csrc/napi') ? e.name.endsWith('.cc') : e.name.endsWith('.c'))) out.push(r);
  }
}

const out = [];
for (const d of dirs) walk(d, out);
process.stdout.write(out.join('\n') + '\n');
