// SPDX-License-Identifier: GPL-2.0-only
// The `package` stage of npm test: the package as someone else gets it.
// `npm pack` (prepack builds dist/ and the prebuild), then the tarball is
// installed into a fresh project twice, once using the prebuild and once
// forcing the source build, and used from there as a user would: require,
// import, a strict TypeScript consumer, and the CLI.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..', '..');
const tsc = path.join(top, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('child_process').SpawnSyncOptionsWithStringEncoding | {}} [opts]
 * @returns {import('child_process').SpawnSyncReturns<string> & { seconds: number }}
 */
function run(cmd, args, opts = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 26, ...opts, encoding: 'utf8' });
  return Object.assign(r, { seconds: (Date.now() - t0) / 1000 });
}

/* One check: a name, and a result that is ok or says why not. */
function checker() {
  const rows = [];
  return {
    rows,
    check(name, r, test = (x) => x.status === 0) {
      const ok = !r.error && test(r);
      rows.push({ name, ok });
      console.log(`${ok ? 'ok' : 'FAIL'} ${name}`);
      if (!ok) {
        const out = `${r.stdout || ''}${r.stderr || ''}${r.error ? r.error.message : ''}`;
        console.log(
          out
            .split('\n')
            .slice(-25)
            .map((l) => `    ${l}`)
            .join('\n'),
        );
      }
      return ok;
    },
  };
}

const CONSUMER_TS = `import { Skb, XfrmState, stats, SkbFreedError, type SkbextStats } from 'skbext';

const x = XfrmState.alloc({ spi: 0x100, daddr: '192.0.2.1' });
const skb = Skb.alloc(128);
if (!x || !skb) throw new Error('allocation failed');
skb.secpathSet()?.pushState(x);
const clone = skb.clone();
const shared: boolean = clone !== null && clone.sharesExtWith(skb);
clone?.free();
skb.free();
x.delete();
try {
  skb.free();
} catch (e) {
  if (!(e instanceof SkbFreedError) && (e as { code?: string }).code !== 'ERR_SKB_FREED') throw e;
}
const s: SkbextStats = stats();
console.log(\`ts \${shared} \${s.live}\`);
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'commonjs',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    esModuleInterop: true,
    skipLibCheck: false,
    outDir: 'out',
    // a Node consumer has @types/node; here the repository's copy
    types: ['node'],
    typeRoots: [path.join(top, 'node_modules', '@types')],
  },
  files: ['consumer.ts'],
};

function pack(dest) {
  // prepack on its own, so that its build output stays out of pack's JSON
  const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir || '/usr' };
  const pre = run('npm', ['run', 'prepack'], { cwd: top, env });
  if (pre.status !== 0) return { r: pre };
  const r = run('npm', ['pack', '--ignore-scripts', '--pack-destination', dest, '--json'], { cwd: top, env });
  if (r.status !== 0) return { r };
  const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0];
  return {
    r,
    file: path.join(dest, info.filename),
    size: info.size,
    entries: info.entryCount,
    files: info.files.map((f) => f.path),
  };
}

function consumer(c, tgz, mode, work) {
  const dir = path.join(work, `consumer-${mode}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${mode}`, version: '1.0.0', private: true }),
  );
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, npm_config_build_from_source: mode === 'source' ? 'true' : '' };
  delete env.SKBEXT_ADDON;
  delete env.LD_PRELOAD;
  const inst = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tgz], { cwd: dir, env });
  const pkg = path.join(dir, 'node_modules', 'skbext');
  const built = fs.existsSync(path.join(pkg, 'build', 'Release', 'skbext.node'));
  if (
    !c.check(
      `[${mode}] npm install of the tarball (${inst.seconds.toFixed(1)} s)`,
      inst,
      (x) => x.status === 0 && built === (mode === 'source'),
    )
  )
    return { install: inst.seconds };

  const opts = { cwd: dir, env };
  c.check(
    `[${mode}] require('skbext')`,
    run(
      process.execPath,
      [
        '-e',
        "const s=require('skbext');const k=s.Skb.alloc(64);k.extAdd('SEC_PATH');k.free();" +
          "if(s.stats().live!==0)throw new Error('live objects left');console.log('cjs ok')",
      ],
      opts,
    ),
    (x) => x.status === 0 && x.stdout.includes('cjs ok'),
  );
  fs.writeFileSync(
    path.join(dir, 'esm.mjs'),
    "import { Skb, stats } from 'skbext';\nconst k = Skb.alloc(64);\nk.clone().free();\nk.free();\nconsole.log('esm ok', stats().live);\n",
  );
  c.check(
    `[${mode}] import { Skb } from 'skbext' in an .mjs`,
    run(process.execPath, ['esm.mjs'], opts),
    (x) => x.status === 0 && x.stdout.includes('esm ok 0'),
  );
  fs.writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER_TS);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
  const ts = run(process.execPath, [tsc, '-p', 'tsconfig.json'], opts);
  if (c.check(`[${mode}] a TypeScript consumer (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)`, ts)) {
    c.check(
      `[${mode}] ... and it runs`,
      run(process.execPath, ['out/consumer.js'], opts),
      (x) => x.status === 0 && x.stdout.includes('ts true 0'),
    );
  }
  const bin = path.join(dir, 'node_modules', '.bin', 'skbext');
  c.check(
    `[${mode}] npx skbext demo`,
    run(bin, ['demo'], opts),
    (x) => x.status === 0 && /leak check: 0 live objects/.test(x.stdout),
  );
  c.check(
    `[${mode}] npx skbext layout --json`,
    run(bin, ['layout', '--json'], opts),
    (x) => x.status === 0 && Array.isArray(JSON.parse(x.stdout)),
  );
  const seed = path.join(pkg, 'tools', 'fuzz', 'seeds', 'clone_shares_block.hex');
  c.check(
    `[${mode}] npx skbext replay of a shipped seed`,
    run(bin, ['replay', seed], opts),
    (x) => x.status === 0 && /^end ops=\d+/m.test(x.stdout),
  );
  c.check(
    `[${mode}] npx skbext fuzz --seconds 2`,
    run(bin, ['fuzz', '--seconds', '2'], opts),
    (x) => x.status === 0 && / 0 divergences/.test(x.stdout),
  );
  return { install: inst.seconds };
}

function check() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-package-'));
  const c = checker();
  const p = pack(work);
  if (!c.check('npm pack (prepack: dist/ and the linux-x64 prebuild)', p.r)) return { passed: 0, failed: 1 };
  const missing = [
    'dist/lib/index.js',
    'dist/lib/index.d.ts',
    'binding.gyp',
    'tools/cli.js',
    'tools/install.js',
    'tools/gyp-sources.js',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
  ].filter((f) => !p.files.includes(f));
  const prebuild = p.files.filter((f) => f.startsWith('prebuilds/linux-x64/'));
  const testOnly = p.files.filter(
    (f) => /^(test|tools\/mutants|tools\/tape|build[^/]*)\//.test(f) || /\.test\.(ts|js)$/.test(f),
  );
  c.check(
    `the tarball: ${p.entries} files, ${(p.size / 1024).toFixed(0)} KiB; a linux-x64 prebuild; no test-only code`,
    { status: 0 },
    () => !missing.length && prebuild.length > 0 && !testOnly.length,
  );
  if (missing.length || !prebuild.length || testOnly.length)
    console.log(
      `    missing: ${missing.join(', ') || '-'}; prebuilds: ${prebuild.join(', ') || 'none'}; test-only: ${testOnly.join(', ') || '-'}`,
    );
  // every relative require() of a shipped script names a shipped file
  const shipped = new Set(p.files);
  const dangling = [];
  for (const f of p.files.filter((x) => x.endsWith('.js'))) {
    // code lines only: comments show usage from other folders
    const text = fs
      .readFileSync(path.join(top, f), 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\/\/|\/?\*)/.test(l))
      .join('\n');
    for (const m of text.matchAll(/require\('(\.{1,2}\/[^']+)'\)/g)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
      if (![base, `${base}.js`, `${base}/index.js`].some((x) => shipped.has(x))) dangling.push(`${f} -> ${m[1]}`);
    }
  }
  c.check('no shipped script requires a file the tarball lacks', { status: 0 }, () => !dangling.length);
  if (dangling.length) console.log(`    ${dangling.join('\n    ')}`);
  const times = {};
  for (const mode of ['prebuild', 'source']) times[mode] = consumer(c, p.file, mode, work).install;
  console.log(
    `package: tarball ${p.entries} files, ${(p.size / 1024).toFixed(0)} KiB; install ${times.prebuild.toFixed(1)} s with the prebuild, ${times.source.toFixed(1)} s from source`,
  );
  if (c.rows.every((r) => r.ok)) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`package: left ${work} for a look`);
  return { passed: c.rows.filter((r) => r.ok).length, failed: c.rows.filter((r) => !r.ok).length };
}

module.exports = { check };

if (require.main === module) {
  const r = check();
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed ? 1 : 0;
}
