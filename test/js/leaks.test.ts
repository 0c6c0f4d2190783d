// SPDX-License-Identifier: GPL-2.0-only
/**
 * SKBEXT_TRACE_LEAKS=1: an object collected without free() is reported
 * with the stack it was made on (lib/leaks.ts); and one Skb per handle.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Skb, buildEspPacket, stats } from '../../lib';
import { packageRoot } from '../../lib/addon';

const fixture = path.join(__dirname, 'fixtures', 'leak-report.js');
const lib = path.join(packageRoot(), 'dist', 'lib');

function run(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--expose-gc', fixture, lib], {
    encoding: 'utf8',
    env: { ...process.env, SKBEXT_TRACE_LEAKS: '', ...env },
  });
  expect(r.status).toBe(0);
  const last = r.stdout.trim().split('\n').pop()!;
  return { stderr: r.stderr, counts: JSON.parse(last) };
}

/** The line of the fixture that carries `mark`. */
function lineOf(mark: string): number {
  return (
    fs
      .readFileSync(fixture, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(mark)) + 1
  );
}

describe('the leak report', () => {
  test('names where each leaked object was made, and nothing for freed ones', () => {
    const { stderr, counts } = run({ SKBEXT_TRACE_LEAKS: '1' });
    expect(counts.gcLeaks).toEqual({ skbs: 1, states: 1 });
    expect(counts.live).toBe(0);
    const reports = stderr.split(/^(?=skbext: )/m).filter((s) => s.startsWith('skbext: '));
    expect(reports).toHaveLength(3);
    const find = (what: string) => reports.find((r) => r.startsWith(`skbext: ${what} was collected`))!;
    const skb = find('an Skb');
    const state = find('an XfrmState');
    const dev = find('an Adapter');
    // the first frame is the line that made it, in the caller's file: the package's own frames are left out
    expect(skb.split('\n')[1]).toBe(`    at makeSkb (${fixture}:${lineOf('LEAK-SKB')}:11)`);
    expect(state.split('\n')[1]).toMatch(
      new RegExp(`^    at makeState \\(.*leak-report\\.js:${lineOf('LEAK-STATE')}:`),
    );
    expect(dev.split('\n')[1]).toMatch(
      new RegExp(`^    at makeAdapter \\(.*leak-report\\.js:${lineOf('LEAK-ADAPTER')}:`),
    );
    expect(skb).toMatch(/without free\(\)/);
    expect(stderr).not.toMatch(/dist[/\\]lib|node:internal|freeBoth/);
  });

  test('without SKBEXT_TRACE_LEAKS the leaks are counted and nothing is printed', () => {
    const { stderr, counts } = run({});
    expect(counts.gcLeaks).toEqual({ skbs: 1, states: 1 });
    expect(stderr).toBe('');
  });
});

describe('Skb.fromHandle', () => {
  test('answers the Skb JS already holds for a handle', () => {
    const s = Skb.alloc(64)!;
    const h = Skb.handleOf(s);
    expect(Skb.fromHandle(h)).toBe(s);
    expect(Skb.fromHandle(h)).toBe(s);
    s.free();
  });

  test('a handle the addon made gets one Skb, the same each time', () => {
    const p = buildEspPacket({ saddr: '10.0.0.1', daddr: '10.0.0.2', spi: 0x100 })!;
    expect(p).toBeInstanceOf(Skb);
    expect(Skb.fromHandle(Skb.handleOf(p))).toBe(p);
    p.free();
  });

  test('a freed Skb is not answered for its dead handle', () => {
    const s = Skb.alloc(64)!;
    const h = Skb.handleOf(s);
    s.free();
    const again = Skb.fromHandle(h);
    expect(again).not.toBe(s);
    expect(() => again.info()).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
  });
});

describe('Skbs dropped without free(), in owner groups', () => {
  const collect = () => (globalThis as unknown as { skbextCollectGarbage: () => Promise<void> }).skbextCollectGarbage();

  test('every one is released and counted, across many groups', async () => {
    const before = stats().gcLeaks.skbs;
    const handles = stats().handles.skbs;
    (() => {
      for (let i = 0; i < 150; i++) Skb.alloc(32)!.clone();
    })();
    await collect();
    expect(stats().gcLeaks.skbs).toBe(before + 300);
    expect(stats().handles.skbs).toBe(handles);
  }, 60000);

  test('one made next to an Skb still held is released once that one is freed and collected', async () => {
    const before = stats().gcLeaks.skbs;
    const held = Skb.alloc(32)!;
    (() => {
      Skb.alloc(32);
    })();
    await collect();
    expect(held.info().len).toBe(0);
    held.free();
    await collect();
    expect(stats().gcLeaks.skbs).toBe(before + 1);
  }, 60000);

  test('freed ones are not counted', async () => {
    const before = stats().gcLeaks.skbs;
    (() => {
      for (let i = 0; i < 100; i++) {
        const s = Skb.alloc(32)!;
        s.clone()!.free();
        s.free();
      }
    })();
    await collect();
    expect(stats().gcLeaks.skbs).toBe(before);
  }, 60000);
});
