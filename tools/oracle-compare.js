// SPDX-License-Identifier: GPL-2.0-only
// Runs the hand-written seed tapes and N generated ones in the real kernel
// (tools/kernel-oracle/run.sh) and in the port, and compares the traces
// line by line. The first difference of each tape is printed with both
// lines; the tape is kept in <work>/diffs/.
//
// The port's side: in the repository, build-c/tape_run and
// build-c/layout_dump (the top-level CMake build), as always. An installed
// copy has neither (nor their sources): the tapes go through the addon's
// executor in this process (the same csrc/tape/tape.c, checked for leaks
// as tape_run checks), and layout_dump is compiled once into the cache
// folder (tools/cache-dir.js) from the shipped headers. <work> is
// build-oracle/ in the repository, the cache folder otherwise.
//
// Everything the run needs is checked before qemu starts; compare()
// answers { missing: [...] } (and a note) when something is not there.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { genTape, readHexTape } = require('./tape-gen');
const { cacheDir, inRepo, which, cCompiler } = require('./cache-dir');

const top = path.resolve(__dirname, '..');
// what the kernel build of the executor answers 'unsupported' (tape.h)
const TAPE_RUN_FLAGS = ['--no-faults', '--no-drivers', '--no-wire', '--no-unexported'];
// the config layout_dump is built in: the default, Debian's ids (csrc/configs/)
const LAYOUT_CONFIG = path.join(top, 'csrc', 'configs', 'debian');

function seedTapes() {
  const dir = path.join(top, 'tools', 'fuzz', 'seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.hex'))
    .sort()
    .map((f) => ({ name: `seed-${path.basename(f, '.hex')}`, bytes: readHexTape(path.join(dir, f)) }));
}

function linuxHeaders() {
  let ents = [];
  try {
    ents = fs.readdirSync('/usr/src').filter((d) => /^linux-headers-.*-amd64$/.test(d));
  } catch {
    /* no /usr/src */
  }
  ents.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return ents.length ? path.join('/usr/src', ents[ents.length - 1]) : null;
}

// true: an ELF file without a program interpreter (statically linked)
function isStaticElf(file) {
  let b;
  try {
    b = fs.readFileSync(file);
  } catch {
    return false;
  }
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46) return false;
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const phoff = is64 ? Number(le ? b.readBigUInt64LE(0x20) : b.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (o + 4 > b.length) return false;
    if (u32(o) === 3) return false; // PT_INTERP
  }
  return true;
}

/** What run.sh needs to boot the kernel: a list of what is missing. */
function kernelNeeds(work) {
  const miss = [];
  if (!which('bash')) miss.push('bash, to run tools/kernel-oracle/run.sh');
  if (!which('qemu-system-x86_64')) miss.push('qemu-system-x86_64 (apt-get install qemu-system-x86)');
  const hdr = linuxHeaders();
  if (!hdr) miss.push('a /usr/src/linux-headers-*-amd64 tree (apt-get install linux-headers-amd64)');
  if (!fs.existsSync('/bin/busybox')) miss.push('a static /bin/busybox (apt-get install busybox-static)');
  else if (!isStaticElf('/bin/busybox'))
    miss.push('a static /bin/busybox: this one is dynamically linked (apt-get install busybox-static)');
  if (!which('cpio')) miss.push('cpio (apt-get install cpio)');
  if (!which('gzip')) miss.push('gzip (apt-get install gzip)');
  if (!which('make') || !which('gcc'))
    miss.push('make and gcc, to build the module against the headers (apt-get install make gcc)');
  const ver = hdr && path.basename(hdr).replace(/^linux-headers-/, '');
  const cached = ver && fs.existsSync(path.join(work, `image-${ver}`, 'boot', `vmlinuz-${ver}`));
  if (!cached && (!which('apt-get') || !which('dpkg-deb') || !which('tar')))
    miss.push(
      `apt-get, dpkg-deb and tar, to download the kernel image (linux-image-${ver || "<the headers' version>"})`,
    );
  return miss;
}

/*
 * Can this addon answer driver and wire ops 'unsupported', as tape_run's
 * --no-drivers --no-wire and the kernel build do? Asked of it, not of its
 * version: one op of each through lib.runTape.
 */
function addonHasKernelFlags(lib) {
  const probe = lib.encodeTape([
    { op: 'drv_del', args: [0, 0] },
    { op: 'tcp_opts', args: [0, 0, new Uint8Array(0)] },
  ]);
  const r = lib.runTape(probe, { noFaults: true, noDrivers: true, noWire: true });
  return r.trace
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .every((l) => l.endsWith('= unsupported'));
}

/* Can tools/tape-gen.js read the executor's op table (dist/lib and the addon)? */
function generatorReady() {
  try {
    return (
      !!require(path.join(top, 'dist', 'lib', 'addon')).addonPath() &&
      fs.existsSync(path.join(top, 'dist', 'lib', 'tables.js'))
    );
  } catch {
    return false;
  }
}

/*
 * The port's side: { missing } or { what, run(file, bytes), dump() }.
 * run() answers as a tape_run process ({ status, stdout, stderr }), or
 * { skip: why } for a tape this executor cannot run as the kernel does.
 */
function portSide(work, layoutOnly, design = 'none') {
  const missing = [];
  if (inRepo()) {
    const bin = (n) => path.join(top, 'build-c', n);
    // a design's (issue 18) tape runner in its own build folder; the
    // layout is the config's, the same in every design
    const dbin = path.join(require('./design-compare').designBuild(design), 'tape_run');
    if (design !== 'none' && !layoutOnly && !fs.existsSync(dbin)) {
      missing.push(`${path.relative(top, dbin)}, the design's port side (npm test -- build-${design})`);
      return { missing };
    }
    const need = layoutOnly ? ['layout_dump'] : ['tape_run', 'layout_dump'];
    const absent = need.filter((n) => !fs.existsSync(bin(n)));
    if (absent.length) {
      missing.push(`${absent.map((n) => `build-c/${n}`).join(' and ')}, the port's side (node tools/build.js c)`);
      return { missing };
    }
    if (!layoutOnly && !generatorReady()) {
      missing.push('the addon and dist/, whose op table tools/tape-gen.js reads (node tools/build.js addon ts)');
      return { missing };
    }
    const runWith = (exe, file) => spawnSync(exe, [...TAPE_RUN_FLAGS, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return {
      missing,
      what: design === 'none' ? 'build-c/tape_run' : `${path.relative(top, dbin)} (design ${design})`,
      run: (file) => runWith(design === 'none' ? bin('tape_run') : dbin, file),
      // the default build on the same tape, when a design is compared
      runDefault: design === 'none' ? null : (file) => runWith(bin('tape_run'), file),
      dump: () => spawnSync(bin('layout_dump'), { encoding: 'utf8' }).stdout || '',
    };
  }

  // an installed copy: the addon in this process, layout_dump built here
  let lib = null;
  if (!layoutOnly) {
    try {
      lib = require(path.join(top, 'dist', 'lib'));
      lib.stats();
    } catch (e) {
      missing.push(
        e && e.code === 'ERR_ADDON_NOT_BUILT'
          ? "the skbext addon, to run the port's side (not built: npm rebuild skbext)"
          : `the skbext addon, to run the port's side (${String(e.message || e).split('\n')[0]})`,
      );
    }
  }
  const cc = cCompiler();
  if (!cc)
    missing.push('a C compiler (gcc), to build layout_dump from csrc/include and tools/kernel-oracle/layout_dump.c');
  if (missing.length) return { missing };

  const dumpBin = path.join(cacheDir('oracle'), 'layout_dump');
  let run = null;
  let what = 'the layout only';
  if (lib) {
    const full = addonHasKernelFlags(lib);
    const { runInProcess } = require('./fuzz');
    lib.debug.slab(true); // as tape_run
    what = `the addon's executor in this process (no build-c/tape_run in an installed copy)${full ? '' : "; this addon cannot answer driver and wire ops 'unsupported' as the kernel does, so tapes with them are skipped"}`;
    // the ops the kernel module lacks, but for fail_nth: noFaults is old
    const driverWireOps = new Set(lib.TAPE_OPS.filter((d) => !d.kernel && d.name !== 'fail_nth').map((d) => d.name));
    run = (file, bytes) => {
      if (!full) {
        const ops = [
          ...new Set(
            lib
              .decodeTape(bytes)
              .ops.map((o) => o.op)
              .filter((op) => driverWireOps.has(op)),
          ),
        ];
        if (ops.length) return { skip: `has ${ops.join(', ')}` };
      }
      return runInProcess(lib, bytes, { noFaults: true, noDrivers: true, noWire: true, noUnexported: true });
    };
  }
  return {
    missing,
    what,
    build: () => buildLayoutDump(cc, dumpBin),
    run,
    dump: () => spawnSync(dumpBin, { encoding: 'utf8' }).stdout || '',
  };
}

// layout_dump as the top-level CMakeLists.txt builds it (RelWithDebInfo,
// gnu11, Debian's ids, the core linked in: it measures the extension
// block on an skb), again whenever a source is newer than it.
function buildLayoutDump(cc, out) {
  const src = path.join(top, 'tools', 'kernel-oracle', 'layout_dump.c');
  const inc = path.join(top, 'csrc', 'include');
  const core = require('./gyp-sources')
    .sources({ except: ['napi'] })
    .map((f) => path.join(top, f));
  let newest = fs.statSync(src).mtimeMs;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else newest = Math.max(newest, fs.statSync(f).mtimeMs);
    }
  };
  walk(path.join(top, 'csrc'));
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return null;
  const args = [
    '-std=gnu11',
    '-O2',
    '-g',
    '-DNDEBUG',
    '-Wall',
    '-Wextra',
    `-I${LAYOUT_CONFIG}`,
    `-I${inc}`,
    src,
    ...core,
    '-lpthread',
    '-o',
    out,
  ];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status !== 0) return `building layout_dump failed: ${cc} ${args.join(' ')}\n${r.stderr || r.error}`;
  return null;
}

function compare({ tapes, seed, layoutOnly = false, design = 'none' }) {
  const repo = inRepo();
  const work = process.env.SKBEXT_ORACLE_WORK
    ? path.resolve(process.env.SKBEXT_ORACLE_WORK)
    : repo
      ? path.join(top, 'build-oracle')
      : cacheDir('oracle');

  if (design !== 'none' && !inRepo())
    return {
      passed: 0,
      failed: 1,
      missing: ['a repository: a design is compared on its own build (build-c-<design>)'],
    };
  const port = portSide(work, layoutOnly, design);
  const missing = [...kernelNeeds(work), ...port.missing];
  if (missing.length) return { passed: 0, failed: 1, missing, note: `cannot run, missing: ${missing.join('; ')}` };
  const err = port.build && port.build();
  if (err) {
    console.log(`oracle: ${err}`);
    return { passed: 0, failed: 1, note: 'building layout_dump failed' };
  }
  console.log(`oracle: port side: ${port.what}`);

  const dir = path.join(work, 'tapes');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const all = layoutOnly ? [] : seedTapes();
  for (let i = 0; !layoutOnly && i < tapes; i++)
    all.push({ name: `gen-${seed}-${String(i).padStart(5, '0')}`, bytes: genTape(seed * 1000003 + i) });
  for (const t of all) fs.writeFileSync(path.join(dir, `${t.name}.tape`), t.bytes);
  // run.sh wants at least one tape
  if (!all.length) fs.writeFileSync(path.join(dir, 'empty.tape'), Buffer.alloc(0));

  const out = path.join(work, 'kernel-traces.txt');
  const t0 = Date.now();
  const r = spawnSync('bash', [path.join(top, 'tools', 'kernel-oracle', 'run.sh'), dir, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SKBEXT_ORACLE_WORK: work },
  });
  if (r.status !== 0) return { passed: 0, failed: 1, note: 'the kernel run failed' };
  const secs = ((Date.now() - t0) / 1000).toFixed(1);

  const text = fs.readFileSync(out, 'utf8');
  const parts = text.split(/^=== (\S+)\n/m);
  const kernel = new Map();
  for (let i = 1; i < parts.length; i += 2) kernel.set(parts[i], parts[i + 1]);

  let passed = 0;
  let failed = 0;
  let sameAsDefault = 0;
  const skipped = [];
  const diffs = path.join(work, 'diffs');
  for (const t of all) {
    const k = kernel.get(t.name);
    const mine = port.run(path.join(dir, `${t.name}.tape`), t.bytes);
    if (mine.skip) {
      skipped.push(`${t.name} (${mine.skip})`);
      continue;
    }
    if (port.runDefault) {
      const base = port.runDefault(path.join(dir, `${t.name}.tape`));
      if (base.stdout === mine.stdout && base.status === mine.status) sameAsDefault++;
      else {
        failed++;
        const a = (base.stdout || '').split('\n');
        const b = (mine.stdout || '').split('\n');
        const at = a.findIndex((l, i) => l !== b[i]);
        console.log(`oracle: ${t.name}: design ${design} differs from the default build at trace line ${at + 1}`);
        console.log(`  default: ${a[at]}\n  ${design}: ${b[at]}`);
        fs.mkdirSync(diffs, { recursive: true });
        fs.writeFileSync(path.join(diffs, `${t.name}.tape`), t.bytes);
        continue;
      }
    }
    if (k === undefined) {
      failed++;
      console.log(`oracle: ${t.name}: no kernel trace`);
      continue;
    }
    if (k === mine.stdout && mine.status === 0) {
      passed++;
      continue;
    }
    failed++;
    const a = k.split('\n');
    const b = (mine.stdout || '').split('\n');
    const at = a.findIndex((l, i) => l !== b[i]);
    console.log(`oracle: ${t.name}: first difference at trace line ${at + 1}`);
    console.log(`  kernel: ${a[at - 1] ?? ''}\n          ${a[at]}`);
    console.log(`  port:   ${b[at - 1] ?? ''}\n          ${b[at]}`);
    if (mine.stderr) console.log(mine.stderr);
    fs.mkdirSync(diffs, { recursive: true });
    fs.writeFileSync(path.join(diffs, `${t.name}.tape`), t.bytes);
  }
  if (skipped.length) console.log(`oracle: skipped ${skipped.length}: ${skipped.join(', ')}`);
  if (port.runDefault)
    console.log(`oracle: design ${design}: ${sameAsDefault} of ${all.length} traces identical to the default build's`);
  console.log(
    `oracle: ${all.length} tapes, ${passed} identical, ${failed} different${skipped.length ? `, ${skipped.length} skipped` : ''}; kernel run took ${secs} s`,
  );

  const lay = compareLayout(kernel.get('layout') || '', port.dump());
  return { passed: passed + lay.passed, failed: failed + lay.failed, skipped: skipped.length };
}

// Every line of the kernel's layout dump (sizeof, offsetof and size of each
// field, the byte and bits of each bitfield) against layout_dump, the same
// list compiled against this port's headers.
function compareLayout(kernelLayout, portLayout) {
  const mine = portLayout.split('\n').filter(Boolean);
  const theirs = kernelLayout.split('\n').filter(Boolean);
  let passed = 0;
  let failed = 0;
  theirs.forEach((line, i) => {
    if (mine[i] === line) passed++;
    else {
      failed++;
      console.log(`oracle layout: kernel '${line}', port '${mine[i]}'`);
    }
  });
  if (mine.length !== theirs.length || theirs.length === 0) {
    failed++;
    console.log(`oracle layout: the kernel printed ${theirs.length} lines, the port ${mine.length}`);
  }
  console.log(`oracle layout: ${passed} of ${theirs.length} lines equal`);
  return { passed, failed };
}

module.exports = { compare, compareLayout, kernelNeeds, isStaticElf };
