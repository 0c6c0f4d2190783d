// SPDX-License-Identifier: GPL-2.0-only
/**
 * `skbext fuzz` as a user runs it (one process each): the printed random
 * seed and --seed, --jobs, progress lines, Ctrl-C, and --out in libFuzzer's
 * layout; then fuzzJobs() stopping every job at the first failure.
 */
import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';

const root = packageRoot();
const cli = path.join(root, 'tools', 'cli.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fuzzTools = require(path.join(root, 'tools', 'fuzz.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readHexTape } = require(path.join(root, 'tools', 'tape-gen.js'));
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha1 = (b: Buffer) => crypto.createHash('sha1').update(b).digest('hex');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-cli-fuzz-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('seeds', () => {
  test('the default seed is random and printed; --seed with --tapes repeats the run exactly', () => {
    const a = run(['fuzz', '--tapes', '30', '--jobs', '1', '--json']);
    const b = run(['fuzz', '--tapes', '30', '--jobs', '1', '--json']);
    expect(a.status).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    expect(a.stderr).toMatch(new RegExp(`^fuzz: seed ${ja.seed} \\(--seed ${ja.seed} repeats it\\), 1 job,`));
    expect(ja.seed).not.toBe(jb.seed);
    const again = JSON.parse(run(['fuzz', '--tapes', '30', '--jobs', '1', '--json', '--seed', String(ja.seed)]).stdout);
    expect(again).toMatchObject({ seed: ja.seed, tapes: 30, ops: ja.ops, divergences: 0 });
  });

  test('one job of seed S runs the tapes fuzz({ seed: S }) runs', () => {
    const r = JSON.parse(run(['fuzz', '--tapes', '40', '--jobs', '1', '--seed', '9', '--json']).stdout);
    const inProcess = fuzzTools.fuzz({ seed: 9, maxTapes: 40, quiet: true });
    expect(r.ops).toBe(inProcess.ops);
    expect(r.tapes).toBe(40);
  });
});

describe('--jobs', () => {
  test('--jobs 2 runs two jobs and sums their tapes and ops', () => {
    const one = JSON.parse(run(['fuzz', '--tapes', '60', '--jobs', '1', '--seed', '4', '--json']).stdout);
    const r = run(['fuzz', '--tapes', '60', '--jobs', '2', '--seed', '4', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^fuzz: seed 4 .*, 2 jobs, /);
    const two = JSON.parse(r.stdout);
    expect(two).toMatchObject({ seed: 4, jobs: 2, tapes: 60, divergences: 0, failure: null, interrupted: false });
    // job 0 runs seed 4's first 30 tapes, job 1 30 of its own seed's
    const job0 = fuzzTools.fuzz({ seed: 4, maxTapes: 30, quiet: true });
    const job1 = fuzzTools.fuzz({ seed: fuzzTools.jobSeed(4, 1), maxTapes: 30, quiet: true });
    expect(two.ops).toBe(job0.ops + job1.ops);
    expect(two.ops).not.toBe(one.ops);
    expect(two.opsPerSecond).toBeGreaterThan(0);
  });

  test('--jobs 0 and a bad --jobs are usage errors', () => {
    for (const v of ['0', 'two']) {
      const r = run(['fuzz', '--jobs', v]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^skbext fuzz: --jobs takes a whole number/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('progress', () => {
  test('without a terminal: a plain line every --progress seconds on stderr', () => {
    const r = run(['fuzz', '--seconds', '3', '--jobs', '1', '--progress', '1']);
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => /^fuzz: \d+ tapes, \d+ ops\/s, \d+\/3 s, 0 divergences$/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(r.stderr).not.toMatch(/\r/);
    expect(r.stdout).toMatch(
      /^fuzz: seed \d+, 1 job: \d+ tapes, \d+ ops in [\d.]+ s \(\d+ ops\/s, model-checked\), 0 divergences\n$/,
    );
  });

  const haveScript = spawnSync('script', ['--version']).status === 0;
  (haveScript ? test : test.skip)(
    'on a terminal: one line rewritten in place (util-linux script gives the tty)',
    () => {
      const cmd = `"${process.execPath}" "${cli}" fuzz --seconds 2 --jobs 1 --seed 5`;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(0);
      // each update: carriage return, the line, erase to the end of the line (ESC [K)
      const rewrites = r.stdout
        .split('\r')
        .filter((l) => /^fuzz: \d+ tapes, \d+ ops\/s, \d\/2 s, 0 divergences/.test(l));
      expect(rewrites.every((l) => l.includes(`${String.fromCharCode(27)}[K`))).toBe(true);
      expect(rewrites.length).toBeGreaterThanOrEqual(2);
      expect(r.stdout).toMatch(/fuzz: seed 5, 1 job: \d+ tapes/);
    },
  );
  if (!haveScript) test('(the terminal case needs util-linux script)', () => console.log('skipped: no script(1)'));
});

test('Ctrl-C: the summary, what was found is kept, exit 130', async () => {
  const out = path.join(dir, 'int');
  const p = spawn(process.execPath, [cli, 'fuzz', '--seconds', '300', '--jobs', '2', '--progress', '1', '--out', out], {
    cwd: dir,
  });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  const progressed = new Promise<void>((resolve) =>
    p.stderr.on('data', (d) => {
      stderr += d;
      if (/^fuzz: \d+ tapes,/m.test(stderr)) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
  await progressed;
  p.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stdout).toMatch(
    /^fuzz: interrupted\nfuzz: seed \d+, 2 jobs: (\d+) tapes, \d+ ops in [\d.]+ s .*, 0 divergences\n/,
  );
  const added = Number(/corpus: (\d+) new tapes in (.*)\n/.exec(stdout)![1]);
  const files = fs.readdirSync(path.join(out, 'corpus'));
  expect(files.length).toBe(added);
  expect(added).toBeGreaterThan(0);
  for (const f of files.slice(0, 50)) expect(sha1(fs.readFileSync(path.join(out, 'corpus', f)))).toBe(f);
}, 60000);

describe('--out in libFuzzer layout', () => {
  test('a corpus there (libFuzzer names, binary tapes) is replayed first and not written back', () => {
    const out = path.join(dir, 'shared');
    const corpus = path.join(out, 'corpus');
    fs.mkdirSync(corpus, { recursive: true });
    const seeds = path.join(root, 'tools', 'fuzz', 'seeds');
    const names = fs.readdirSync(seeds).filter((n) => n.endsWith('.hex'));
    for (const n of names) {
      const b = Buffer.from(readHexTape(path.join(seeds, n)));
      fs.writeFileSync(path.join(corpus, sha1(b)), b);
    }
    const r = run(['fuzz', '--tapes', String(names.length), '--jobs', '1', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ tapes: names.length, divergences: 0, corpus: { dir: corpus, added: 0 } });
    expect(fs.readdirSync(corpus)).toHaveLength(names.length);
    // then generated tapes that show something new join it
    const more = JSON.parse(run(['fuzz', '--tapes', '400', '--jobs', '1', '--out', out, '--json']).stdout);
    expect(more.corpus.added).toBeGreaterThan(0);
    expect(fs.readdirSync(corpus)).toHaveLength(names.length + more.corpus.added);
  });

  const mutant = path.join(root, 'build-c', 'tape_run_mut1');
  const haveMutant = fs.existsSync(mutant);
  (haveMutant ? test : test.skip)(
    'the first failing job reports a shrunk crash-<sha1>, the other stops (a broken executor)',
    async () => {
      const out = path.join(dir, 'mut');
      const r = await fuzzTools.fuzzJobs({ jobs: 2, seed: 1, seconds: 120, runner: mutant, out });
      expect(r.divergences).toBe(1);
      expect(r.failure.tape).toMatch(/[/\\]crashes[/\\]crash-[0-9a-f]{40}$/);
      const bytes = fs.readFileSync(r.failure.tape);
      expect(path.basename(r.failure.tape)).toBe(`crash-${sha1(bytes)}`);
      expect(fs.readdirSync(path.join(out, 'crashes'))).toHaveLength(1);
      expect([0, 1]).toContain(r.failure.job);
      // both stopped well before their 120 s
      expect(r.seconds).toBeLessThan(120);
      // the saved tape replays as a failure on that executor
      const again = spawnSync(mutant, [r.failure.tape], { encoding: 'utf8' });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require(path.join(root, 'dist', 'lib'));
      expect(r.failure.text).toBe(lib.tapeToText(lib.decodeTape(bytes).ops));
      const model = lib.predictTrace(lib.decodeTape(bytes));
      expect(again.status !== 0 || again.stdout !== model).toBe(true);
    },
    150000,
  );
  if (!haveMutant)
    test('(the failure case needs build-c/tape_run_mut1)', () => console.log('skipped: no mutant built'));
});
