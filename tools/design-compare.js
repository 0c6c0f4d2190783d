// SPDX-License-Identifier: GPL-2.0-only
// A design's traces against the default build's (issue 18,
// docs/design-variants.md). The same tapes go through
// build-c-<design>/tape_run (CONFIG_SKB_EXT_CACHE or CONFIG_SKB_EXT_IN_HEAD
// on top of Debian's config) and build-c/tape_run (6.1's allocation), and
// the traces must be identical byte for byte, with the same exit status
// (tape_run exits 1 on a leak, warning or slab debug error):
//   - every seed tape (the history regression tapes among them),
//   - N generated in the userspace mode (fail_nth, driver and wire ops),
//   - N generated in the kernel mode, the oracle's tapes (with the
//     oracle's flags, as the oracle runs the port).
// A trace names blocks by letter per line and prints refcounts, offsets
// and chunks, so identical traces mean the design changed nothing an skb
// shows. The first difference of a tape is printed; the tape is kept in
// build-c-<design>/design-diffs/.
//   node tools/design-compare.js [--design cache|in_head] [--tapes N] [--seed S]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { genTape, readHexTape } = require('./tape-gen');

const top = path.resolve(__dirname, '..');
const DESIGNS = ['cache', 'in_head'];
// what the oracle passes the port: the kernel module's gaps (oracle-compare.js)
const KERNEL_FLAGS = ['--no-faults', '--no-drivers', '--no-wire', '--no-unexported'];

/** The build folder of @design (the default build for 'none'). */
function designBuild(design) {
  return path.join(top, design && design !== 'none' ? `build-c-${design}` : 'build-c');
}

function seedTapes() {
  const dir = path.join(top, 'tools', 'fuzz', 'seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.hex'))
    .sort()
    .map((f) => ({ name: `seed-${path.basename(f, '.hex')}`, bytes: readHexTape(path.join(dir, f)), flags: [] }));
}

/**
 * The corpus: seeds, @tapes userspace tapes and @tapes kernel-mode ones
 * (the oracle's generator and seeds: genTape(seed * 1000003 + i)).
 * @returns {{ name: string, bytes: Uint8Array, flags: string[] }[]}
 */
function corpus(tapes, seed) {
  const all = seedTapes();
  for (const t of seedTapes()) all.push({ ...t, name: `${t.name}-kernel-flags`, flags: KERNEL_FLAGS });
  for (let i = 0; i < tapes; i++) {
    const n = String(i).padStart(5, '0');
    all.push({ name: `user-${seed}-${n}`, bytes: genTape(seed * 7919 + i, 40, { kernel: false }), flags: [] });
    all.push({ name: `gen-${seed}-${n}`, bytes: genTape(seed * 1000003 + i), flags: KERNEL_FLAGS });
  }
  return all;
}

/**
 * @param {{ design: string, tapes?: number, seed?: number, quiet?: boolean }} o
 * @returns {{ passed: number, failed: number, tapes: number, identical: number, different: number, note?: string }}
 */
function compareDesign({ design, tapes = 300, seed = 1, quiet = false }) {
  if (!DESIGNS.includes(design)) throw new Error(`design-compare: no design "${design}" (have: ${DESIGNS.join(', ')})`);
  const mine = path.join(designBuild(design), 'tape_run');
  const base = path.join(designBuild('none'), 'tape_run');
  for (const f of [mine, base])
    if (!fs.existsSync(f))
      return {
        passed: 0,
        failed: 1,
        tapes: 0,
        identical: 0,
        different: 0,
        note: `${path.relative(top, f)} is not built (stage build-${design} / node tools/build.js c)`,
      };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `skbext-design-${design}-`));
  const diffs = path.join(designBuild(design), 'design-diffs');
  const log = (/** @type {string} */ s) => quiet || console.log(s);
  let identical = 0;
  let different = 0;
  const all = corpus(tapes, seed);
  try {
    for (const t of all) {
      const file = path.join(tmp, `${t.name}.tape`);
      fs.writeFileSync(file, t.bytes);
      const a = spawnSync(base, [...t.flags, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const b = spawnSync(mine, [...t.flags, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (a.stdout === b.stdout && a.status === b.status && a.status === 0) {
        identical++;
        continue;
      }
      different++;
      const la = (a.stdout || '').split('\n');
      const lb = (b.stdout || '').split('\n');
      const at = la.findIndex((l, i) => l !== lb[i]);
      log(
        `design ${design}: ${t.name}: ${at < 0 ? `exit ${a.status} vs ${b.status}` : `first difference at trace line ${at + 1}`}`,
      );
      if (at >= 0) log(`  default: ${la[at]}\n  ${design}: ${lb[at]}`);
      if (b.stderr) log(b.stderr.split('\n').slice(0, 10).join('\n'));
      fs.mkdirSync(diffs, { recursive: true });
      fs.writeFileSync(path.join(diffs, `${t.name}.tape`), t.bytes);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(
    `design ${design}: ${all.length} tapes (${all.length - 2 * tapes} seed runs, ${tapes} userspace, ${tapes} oracle), ` +
      `${identical} identical to the default build's, ${different} different`,
  );
  return { passed: identical, failed: different, tapes: all.length, identical, different };
}

module.exports = { compareDesign, designBuild, DESIGNS, corpus };

if (require.main === module) {
  const args = process.argv.slice(2);
  const get = (/** @type {string} */ k, /** @type {string} */ d) => {
    const i = args.indexOf(k);
    return i >= 0 && args[i + 1] ? args[i + 1] : d;
  };
  const designs = args.includes('--design') ? [get('--design', '')] : DESIGNS;
  let failed = 0;
  for (const d of designs) {
    const r = compareDesign({ design: d, tapes: Number(get('--tapes', '300')), seed: Number(get('--seed', '1')) });
    if (r.note) console.log(`design ${d}: ${r.note}`);
    failed += r.failed;
  }
  process.exitCode = failed ? 1 : 0;
}
