#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// Node's reader of csrc/sources.txt, the one list of the C and C++ sources
// (the groups and who builds which are described at its top).
//   node tools/gyp-sources.js                  every group: the addon, for
//                                              binding.gyp's "sources"
//   node tools/gyp-sources.js GROUP...         those groups
//   node tools/gyp-sources.js --except GROUP... every other group
// prints one path a line, relative to the top (tools/fuzz/build.sh reads
// it so too). require() gives readSourceList() and sources().
'use strict';
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const LIST = path.join(top, 'csrc', 'sources.txt');

/**
 * The list's entries in order, file relative to the top. A line that is
 * not "GROUP PATH" throws, naming the line.
 * @returns {{ group: string, file: string, line: number }[]}
 */
function readSourceList(file = LIST) {
  const out = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const [i, text] of lines.entries()) {
    if (text === '' || text.startsWith('#')) continue;
    const m = /^([a-z-]+)[ \t]+([^ \t]+)$/.exec(text);
    if (!m) throw new Error(`${file}:${i + 1}: not "GROUP PATH": ${JSON.stringify(text)}`);
    out.push({ group: m[1], file: `csrc/${m[2]}`, line: i + 1 });
  }
  return out;
}

/**
 * The files of the named groups, or (with except) of every other group.
 * @param {{ only?: string[], except?: string[] }} [opts]
 * @returns {string[]}
 */
function sources({ only, except } = {}) {
  return readSourceList()
    .filter((e) => (only ? only.includes(e.group) : !(except || []).includes(e.group)))
    .map((e) => e.file);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const except = args[0] === '--except';
  const groups = except ? args.slice(1) : args;
  const known = new Set(readSourceList().map((e) => e.group));
  const unknown = groups.filter((g) => !known.has(g));
  if (unknown.length) {
    process.stderr.write(`gyp-sources: no group ${unknown.join(', ')} in ${LIST} (it has ${[...known].join(', ')})\n`);
    process.exit(2);
  }
  const files = sources(except ? { except: groups } : groups.length ? { only: groups } : {});
  process.stdout.write(files.join('\n') + '\n');
}

module.exports = { readSourceList, sources, LIST };
