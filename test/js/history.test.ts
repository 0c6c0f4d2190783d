// SPDX-License-Identifier: GPL-2.0-only
/*
 * The history of skb_ext bugs (docs/history.md), run as tests. Every
 * mutant patch whose second line is `Regression: TAPE` is a history bug:
 * its tape must exist, the clean executor (build-c/tape_run) must agree
 * with the model on it, and the mutant's (build-c/tape_run_mutNN) must
 * not. docs/history.md must list every history mutant and tape, and
 * nothing else; issue 15 asks for at least ten of them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeTape, predictTrace, FULL_CONFIG, buildModelConfig } from '../../lib';
import type { ModelConfig } from '../../lib';

const top = path.resolve(__dirname, '..', '..');
// a mutant that needs the full config's ids is judged in its build (stage build-full)
const buildFor = (config: string): string => path.join(top, config === 'full' ? 'build-c-full' : 'build-c');
const modelFor = (config: string): ModelConfig => (config === 'full' ? FULL_CONFIG : buildModelConfig());
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-history-'));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS tools, typed here
const { listMutants, listHistory } = require('../../tools/history') as {
  listMutants: () => { n: number; file: string; what: string; regression: string | null; config: string }[];
  listHistory: () => { n: number; file: string; what: string; regression: string; config: string }[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readHexTape } = require('../../tools/tape-gen') as { readHexTape: (file: string) => Uint8Array };

const history = listHistory();
const doc = fs.readFileSync(path.join(top, 'docs', 'history.md'), 'utf8');

/** What a runner makes of a tape: whether trace and exit status are the model's. */
function agrees(runner: string, tape: string, cfg: ModelConfig): { ok: boolean; why: string } {
  const bytes = readHexTape(path.join(top, tape));
  const f = path.join(tmp, 'tape');
  fs.writeFileSync(f, bytes);
  const r = spawnSync(runner, [f], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const want = predictTrace(decodeTape(bytes), cfg);
  if (r.status !== 0) return { ok: false, why: `exit ${r.status} (signal ${r.signal}): ${r.stderr}` };
  if (r.stdout !== want) {
    const a = want.split('\n');
    const b = r.stdout.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    return { ok: false, why: `line ${i + 1}: model "${a[i]}", executor "${b[i]}"` };
  }
  return { ok: true, why: '' };
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the history mutants', () => {
  test('every patch is named NN-name.patch, numbered once, its first line "Mutant N: ..."', () => {
    const all = listMutants();
    expect(new Set(all.map((m) => m.n)).size).toBe(all.length);
    for (const m of all) {
      const first = fs.readFileSync(path.join(top, 'tools', 'mutants', m.file), 'utf8').split('\n')[0];
      expect(first).toMatch(new RegExp(`^Mutant ${m.n}: \\S`));
    }
  });

  test('a history tape is tools/fuzz/seeds/history-NN-<name>.hex, named after its mutant', () => {
    for (const m of history) {
      const stem = m.file.replace(/\.patch$/, '');
      expect(m.regression).toBe(`tools/fuzz/seeds/history-${stem}.hex`);
      expect(fs.existsSync(path.join(top, m.regression))).toBe(true);
    }
  });

  test('every history-*.hex seed belongs to a history mutant', () => {
    const tapes = new Set(history.map((m) => m.regression));
    const seeds = fs
      .readdirSync(path.join(top, 'tools', 'fuzz', 'seeds'))
      .filter((f) => f.startsWith('history-'))
      .map((f) => `tools/fuzz/seeds/${f}`);
    expect(seeds.filter((s) => !tapes.has(s))).toEqual([]);
  });

  const built = (m: { n: number; config: string }): boolean =>
    m.config !== 'full' || fs.existsSync(path.join(buildFor(m.config), `tape_run_mut${m.n}`));
  const judged = history.filter(built);
  const unbuilt = history.filter((m) => !built(m));

  test.each(judged.map((m) => [m.n, m.config, m]))(
    'mutant %i (%s config): the fixed port passes its tape, the mutant fails it',
    (_n, _c, m) => {
      const dir = buildFor(m.config);
      const cfg = modelFor(m.config);
      const clean = agrees(path.join(dir, 'tape_run'), m.regression, cfg);
      if (!clean.ok) throw new Error(`the clean tape_run disagrees with the model on ${m.regression}: ${clean.why}`);
      const runner = path.join(dir, `tape_run_mut${m.n}`);
      // CMake builds one per patch (node tools/build.js c)
      if (!fs.existsSync(runner)) throw new Error(`${runner} is not built (node tools/build.js c)`);
      expect(agrees(runner, m.regression, cfg).ok).toBe(false);
    },
  );

  // the full config's build is made by npm test's build-full stage
  for (const m of unbuilt)
    test.skip(`mutant ${m.n}: skipped, build-c-full is not built (npm test -- build-full)`, () => {});
});

describe('docs/history.md', () => {
  const mutantsInDoc = new Set(doc.match(/tools\/mutants\/\d+-[\w-]+\.patch/g) ?? []);
  const tapesInDoc = new Set(doc.match(/tools\/fuzz\/seeds\/history-[\w-]+\.hex/g) ?? []);

  test('lists every history mutant and its tape', () => {
    for (const m of history) {
      expect(mutantsInDoc).toContain(`tools/mutants/${m.file}`);
      expect(tapesInDoc).toContain(m.regression);
    }
  });

  test('lists no mutant or tape that is not a history bug', () => {
    const files = new Set(history.map((m) => `tools/mutants/${m.file}`));
    const tapes = new Set(history.map((m) => m.regression));
    expect([...mutantsInDoc].filter((f) => !files.has(f))).toEqual([]);
    expect([...tapesInDoc].filter((t) => !tapes.has(t))).toEqual([]);
  });

  test('names an upstream title for each bug, once per section', () => {
    const sections = doc.split(/^## /m).slice(1);
    expect(sections.length).toBe(history.length);
    for (const s of sections) expect(s).toMatch(/^Upstream: "[^"]+"/m);
  });

  // Issue 15 asks for at least ten; the helpers' branches bring them
  // together (this branch alone has the existing paths' share).
  test('holds at least ten bugs (issue 15)', () => {
    expect(history.length).toBeGreaterThanOrEqual(10);
  });
});
