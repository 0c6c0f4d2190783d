// SPDX-License-Identifier: GPL-2.0-only
// Where the commands put what they build on first use (bench/c's binary,
// layout_dump, the oracle's kernel image and module) and what they write
// (fuzz findings) when they run from an installed copy: the package folder
// may be read-only (node_modules), so never there.
//   $SKBEXT_CACHE_DIR, else $XDG_CACHE_HOME/skbext/<version>,
//   else ~/.cache/skbext/<version>
// In the repository (the top-level CMakeLists.txt and tools/tape are
// there) the commands keep using build-c/, build-oracle/, build-fuzz/.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');

function version() {
  try {
    return JSON.parse(fs.readFileSync(path.join(top, 'package.json'), 'utf8')).version || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The cache folder (created), or a folder in it. */
function cacheDir(...sub) {
  let base = process.env.SKBEXT_CACHE_DIR;
  if (!base) {
    const xdg = process.env.XDG_CACHE_HOME;
    base =
      xdg && path.isAbsolute(xdg)
        ? path.join(xdg, 'skbext', version())
        : path.join(os.homedir(), '.cache', 'skbext', version());
  }
  const dir = path.resolve(base, ...sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** True in a checkout of the repository, false in an installed copy. */
function inRepo() {
  return (
    fs.existsSync(path.join(top, 'CMakeLists.txt')) && fs.existsSync(path.join(top, 'tools', 'tape', 'tape_run.c'))
  );
}

/** The first of `names` found in PATH (a name with a slash: that file), or null. */
function which(...names) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const n of names.filter(Boolean)) {
    if (n.includes('/')) {
      if (isExec(n)) return n;
      continue;
    }
    for (const d of dirs) {
      const f = path.join(d, n);
      if (isExec(f)) return f;
    }
  }
  return null;
}

function isExec(f) {
  try {
    fs.accessSync(f, fs.constants.X_OK);
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
}

/** A C compiler: $CC (its first word), cc, gcc or clang; null if none. */
function cCompiler() {
  const cc = (process.env.CC || '').trim().split(/\s+/)[0];
  return which(cc, 'cc', 'gcc', 'clang');
}

module.exports = { cacheDir, inRepo, which, cCompiler, top, version };
