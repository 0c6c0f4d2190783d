// SPDX-License-Identifier: GPL-2.0-only
/**
 * The API fuzzer (tools/api-fuzz.js) on the loaded addon: a fixed seed
 * and a bounded number of programs find nothing; a program that calls the
 * API behind the model's back is caught, saved, and its replay fails;
 * and the binding fixes the fuzzer found stay fixed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as L from '../../lib';

interface Found {
  why: string;
  shrunkWhy: string | null;
  callsToFind: number;
  file?: string;
  program: { steps: unknown[] };
}
interface ApiFuzz {
  runApiPrograms(o: {
    seed: number;
    seconds: number;
    maxPrograms?: number;
    lib: unknown;
    out?: string;
    tamper?: (lib: typeof L, i: number) => void;
    untamper?: (lib: typeof L) => void;
  }): Promise<{ calls: number; programs: number; failures: Found[] }>;
  replayProgram(
    lib: unknown,
    program: string,
    o?: { tamper?: (lib: typeof L, i: number) => void; untamper?: (lib: typeof L) => void },
  ): Promise<{ ok: boolean; why: string; calls: number }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require('../../tools/api-fuzz') as ApiFuzz;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-api-fuzz-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectThrow(fn: () => unknown, name: string, code: string): void {
  let err: { name?: string; code?: string } | undefined;
  try {
    fn();
  } catch (e) {
    err = e as typeof err;
  }
  expect({ name: err?.name, code: err?.code }).toEqual({ name, code });
}

// (jest's heap makes each forced collection slow: few programs here; the
// CLI runs millions of calls)
test('seed 1, 40 programs: every call as the lifetime model predicts', async () => {
  const r = await api.runApiPrograms({ seed: 1, seconds: 90, maxPrograms: 40, lib: L, out: tmp });
  expect(r.failures.map((f) => f.shrunkWhy ?? f.why)).toEqual([]);
  expect(r.programs).toBe(40);
  expect(r.calls).toBeGreaterThan(300);
  expect(L.stats().handles).toEqual({ skbs: 0, states: 0 });
}, 120_000);

test('an skb allocated behind the model is caught, shrunk, saved, and its replay fails', async () => {
  // the fourth step of every program allocates an skb the model does not know
  let leaked: L.Skb[] = [];
  const tamper = (lib: typeof L, i: number) => {
    if (i === 3) leaked.push(lib.Skb.alloc(64)!);
  };
  const untamper = () => {
    for (const s of leaked) s.free();
    leaked = [];
  };
  const r = await api.runApiPrograms({ seed: 7, seconds: 60, maxPrograms: 50, lib: L, out: tmp, tamper, untamper });
  expect(r.failures).toHaveLength(1);
  const f = r.failures[0];
  expect(f.shrunkWhy).toMatch(/live skb handles, the model has/);
  expect(f.file).toBeDefined();
  const saved = JSON.parse(fs.readFileSync(f.file!, 'utf8')) as { format: string; steps: unknown[] };
  expect(saved.format).toBe('skbext-api-program/1');
  expect(saved.steps.length).toBeGreaterThanOrEqual(4);
  // replayed with the same tampering it fails again; the program alone passes
  const again = await api.replayProgram(L, f.file!, { tamper, untamper });
  expect(again.ok).toBe(false);
  expect(again.why).toMatch(/live skb handles/);
  const clean = await api.replayProgram(L, f.file!);
  expect(clean).toMatchObject({ ok: true });
}, 120_000);

describe("mutant 25's program (tools/mutants/25-handle-no-generation.patch)", () => {
  const fixture = path.join(__dirname, 'fixtures', 'api-fuzz-mut25.json');
  const mutAddon = path.join(__dirname, '..', '..', 'build-mut25', 'Release', 'skbext.node');

  test('passes on this addon: a stale handle throws SkbFreedError', async () => {
    expect(await api.replayProgram(L, fixture)).toMatchObject({ ok: true });
  });

  // the api-mutants stage builds the mutant's addon (cmake-js, build-mut25/)
  (fs.existsSync(mutAddon) ? test : test.skip)('fails on the mutant addon, replayed by the CLI', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const cli = path.join(__dirname, '..', '..', 'tools', 'cli.js');
    // (the mutant addon is not built with ASan: no LD_PRELOAD for it)
    const env: NodeJS.ProcessEnv = { ...process.env, SKBEXT_ADDON: mutAddon };
    delete env.LD_PRELOAD;
    const r = spawnSync(process.execPath, [cli, 'fuzz', '--api', '--replay', fixture], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /replay: FAIL after 4 calls: .*predicts throw SkbFreedError ERR_SKB_FREED, the API gave ok/,
    );
  });
});

describe('what the fuzzer found in the binding', () => {
  test('a released head is refused by coalesce(), collapse() and xmit(), as by every call but free()', () => {
    const a = L.Skb.alloc(256)!;
    a.put(new Uint8Array(10));
    a.extAdd('MPTCP')!.write({ dataSeq: 1n });
    const b = L.Skb.alloc(256)!;
    b.put(new Uint8Array(10));
    b.extAdd('MPTCP')!.write({ dataSeq: 1n });
    b.releaseHeadState();
    expectThrow(() => a.coalesce(b), 'SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
    expectThrow(() => a.collapse(b), 'SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
    expectThrow(() => b.collapse(a), 'SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
    const d = new L.Ixgbe();
    expectThrow(() => d.xmit(b), 'SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
    d.destroy();
    b.free();
    a.free();
  });

  test('put() and push() of an empty array copy nothing (UBSan: no memcpy from NULL)', () => {
    const s = L.Skb.alloc(64)!;
    s.reserve(8);
    s.put(new Uint8Array(0));
    s.push(new Uint8Array(0));
    s.put(new Uint8Array(new ArrayBuffer(0)));
    expect(s.info().len).toBe(0);
    s.free();
  });

  test('morph() checks this skb before src: a released one throws before a freed src', () => {
    const a = L.Skb.alloc(64)!;
    a.releaseHeadState();
    const b = L.Skb.alloc(64)!;
    b.free();
    expectThrow(() => a.morph(b), 'SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
    a.free();
  });
});
