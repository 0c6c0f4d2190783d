// SPDX-License-Identifier: GPL-2.0-only
/**
 * Hostile input: every case gets a typed error (or the kernel's null),
 * never a crash, and leaves nothing live in any slab cache.
 */
import { Skb, XfrmState, stats, faults, runTape, ESRCH } from '../../lib';
import { native } from '../../lib/addon';

/** Errors are matched on name and code: jest runs tests in another realm. */
function expectThrow(fn: () => unknown, name: string, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeDefined();
  const e = err as { name?: string; code?: string; message?: string };
  expect({ name: e.name, code: e.code }).toEqual({ name, code });
  expect(typeof e.message).toBe('string');
}

const FREED = ['SkbFreedError', 'ERR_SKB_FREED'] as const;
const XFREED = ['XfrmStateFreedError', 'ERR_XFRM_STATE_FREED'] as const;
const GONE = ['ExtGoneError', 'ERR_EXT_GONE'] as const;
const TYPE = ['TypeError', 'ERR_INVALID_ARG_TYPE'] as const;
const RANGE = ['RangeError', 'ERR_OUT_OF_RANGE'] as const;

let warningsBefore = 0;
beforeEach(() => {
  warningsBefore = stats().warnings;
});
afterEach(() => {
  const s = stats();
  expect(s.live).toBe(0);
  expect(s.debugErrors).toBe(0);
});

function freed(): Skb {
  const s = Skb.alloc(64)!;
  s.extAdd('BRIDGE_NF');
  s.free();
  return s;
}

describe('use after free and double free', () => {
  test.each([
    ['free', (s: Skb) => s.free()],
    ['consume', (s: Skb) => s.consume()],
    ['clone', (s: Skb) => s.clone()],
    ['copy', (s: Skb) => s.copy()],
    ['pskbCopy', (s: Skb) => s.pskbCopy()],
    ['get', (s: Skb) => s.get()],
    ['scrub', (s: Skb) => s.scrub(true)],
    ['extAdd', (s: Skb) => s.extAdd('MPTCP')],
    ['extFind', (s: Skb) => s.extFind('BRIDGE_NF')],
    ['extDel', (s: Skb) => s.extDel('BRIDGE_NF')],
    ['extReset', (s: Skb) => s.extReset()],
    ['secpathSet', (s: Skb) => s.secpathSet()],
    ['users', (s: Skb) => s.users],
    ['activeExtensions', (s: Skb) => s.activeExtensions],
    ['extRefcnt', (s: Skb) => s.extRefcnt],
    ['data', (s: Skb) => s.data],
    ['put', (s: Skb) => s.put(new Uint8Array(1))],
  ])('%s after free throws SkbFreedError', (_name, op) => {
    const s = freed();
    expectThrow(() => op(s), ...FREED);
  });

  test('a sec_path view held past the free of its skb throws SkbFreedError', () => {
    const s = Skb.alloc(64)!;
    const sp = s.secpathSet()!;
    s.free();
    expectThrow(() => sp.len, ...FREED);
  });

  test('an nf_bridge view held past the free throws SkbFreedError', () => {
    const s = Skb.alloc(64)!;
    const nb = s.nfBridgeAlloc()!;
    s.free();
    expectThrow(() => nb.physinif, ...FREED);
    expectThrow(() => nb.write({ physinif: 1 }), ...FREED);
  });

  test("freeing a clone's parent while a view on the clone is held: the view still reads the shared block", () => {
    const s = Skb.alloc(64)!;
    s.extAdd('MPTCP')!.write({ subflowSeq: 42 });
    const c = s.clone()!;
    const view = c.mptcp!;
    s.free();
    expect(view.subflowSeq).toBe(42);
    expect(c.extRefcnt).toBe(1);
    c.free();
    expectThrow(() => view.subflowSeq, ...FREED);
  });

  test('sharesExtWith a freed skb throws SkbFreedError', () => {
    const s = Skb.alloc(64)!;
    const t = freed();
    expectThrow(() => s.sharesExtWith(t), ...FREED);
    s.free();
  });
});

describe('views whose extension went away', () => {
  test('a view after extDel throws ExtGoneError', () => {
    const s = Skb.alloc(64)!;
    const nb = s.nfBridgeAlloc()!;
    s.extAdd('TC');
    s.extDel('BRIDGE_NF');
    expectThrow(() => nb.read(), ...GONE);
    expectThrow(() => nb.write({ physinif: 3 }), ...GONE);
    s.free();
  });

  test('a sec_path view after secpathReset throws ExtGoneError', () => {
    const s = Skb.alloc(64)!;
    const sp = s.secpathSet()!;
    s.secpathReset();
    expectThrow(() => sp.xvec, ...GONE);
    s.free();
  });

  test('an MPTCP view after scrub throws ExtGoneError', () => {
    const s = Skb.alloc(64)!;
    const m = s.extAdd('MPTCP')!;
    s.scrub(false);
    expectThrow(() => m.dataSeq, ...GONE);
    s.free();
  });
});

describe('sizes', () => {
  test.each([[NaN], [-1], [1.5], [Infinity], [2 ** 31], [2 ** 53]])('Skb.alloc(%p) throws RangeError', (n) => {
    expectThrow(() => Skb.alloc(n), ...RANGE);
  });

  test('Skb.alloc of a string throws TypeError', () => {
    expectThrow(() => Skb.alloc('64' as unknown as number), ...TYPE);
  });

  test('Skb.alloc of 64 MiB returns null, as alloc_skb does when kmalloc cannot serve it', () => {
    expect(Skb.alloc(64 << 20)).toBeNull();
  });

  test('put past the tailroom throws RangeError and leaves len as it was', () => {
    const s = Skb.alloc(16)!;
    const room = s.info().tailroom;
    expectThrow(() => s.put(new Uint8Array(room + 1)), ...RANGE);
    expect(s.info().len).toBe(0);
    s.free();
  });

  test('push without headroom throws RangeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.push(new Uint8Array(1)), ...RANGE);
    s.free();
  });

  test('reserve on an skb holding data throws RangeError', () => {
    const s = Skb.alloc(16)!;
    s.put(new Uint8Array(2));
    expectThrow(() => s.reserve(4), ...RANGE);
    s.free();
  });

  test('put of a string throws TypeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.put('ab' as unknown as Uint8Array), ...TYPE);
    s.free();
  });
});

describe('extension ids', () => {
  test.each([['NOPE'], [5], [-1], [1.5], [255]])('extAdd(%p) throws RangeError', (id) => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.extAdd(id as 'TC'), ...RANGE);
    expect(s.activeExtensions).toEqual([]);
    s.free();
  });

  test('extAdd(null) throws TypeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.extAdd(null as unknown as 'TC'), ...TYPE);
    s.free();
  });
});

describe('sec_path overflow', () => {
  test('a 7th state throws SecpathFullError and resets the path, as xfrm_input() does', () => {
    const s = Skb.alloc(64)!;
    const states = Array.from({ length: 7 }, (_, i) => XfrmState.alloc({ spi: i + 1 })!);
    for (let i = 0; i < 6; i++) s.secpathSet()!.pushState(states[i]);
    expectThrow(() => s.secPath!.pushState(states[6]), 'SecpathFullError', 'ERR_SECPATH_FULL');
    // secpath_reset(): the private path put its states back
    expect(s.secPath).toBeNull();
    expect(states.map((x) => x.refcnt)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    s.free();
    for (const x of states) x.delete();
  });

  test('a full sec_path on a shared block is copied first, then reset in the copy', () => {
    const s = Skb.alloc(64)!;
    const x = XfrmState.alloc({ spi: 9 })!;
    for (let i = 0; i < 6; i++) s.secpathSet()!.pushState(x);
    const c = s.clone()!;
    const cow = stats().extCow;
    expectThrow(() => c.secPath!.pushState(x), 'SecpathFullError', 'ERR_SECPATH_FULL');
    // 6.1 calls secpath_set() before it checks the depth
    expect(stats().extCow).toBe(cow + 1);
    expect(c.sharesExtWith(s)).toBe(false);
    expect(c.secPath).toBeNull();
    expect(s.secPath!.len).toBe(6);
    expect(x.refcnt).toBe(7);
    c.free();
    s.free();
    x.delete();
  });
});

describe('xfrm_state misuse', () => {
  test('a destroyed state pushed onto a sec_path throws XfrmStateFreedError', () => {
    const x = XfrmState.alloc({ spi: 1 })!;
    x.delete();
    const s = Skb.alloc(64)!;
    expectThrow(() => s.secpathSet()!.pushState(x), ...XFREED);
    expect(s.secPath!.len).toBe(0);
    s.free();
  });

  test('put after the last reference throws XfrmStateFreedError', () => {
    const x = XfrmState.alloc({ spi: 1 })!;
    x.delete();
    expectThrow(() => x.put(), ...XFREED);
    expectThrow(() => x.refcnt, ...XFREED);
  });

  test('delete of a dead state answers -ESRCH, as the kernel does', () => {
    const s = Skb.alloc(64)!;
    const x = XfrmState.alloc({ spi: 1 })!;
    s.secpathSet()!.pushState(x);
    expect(x.delete()).toBe(0);
    expect(x.delete()).toBe(-ESRCH);
    s.free();
  });

  test.each([
    [{ spi: -1 }],
    [{ spi: 2 ** 32 }],
    [{ family: 7 }],
    [{ daddr: '300.1.1.1' }],
    [{ daddr: 'not an address' }],
    [{ proto: 'gre' }],
    [{ dir: 'sideways' }],
    [{ mode: 9 }],
  ])('XfrmState.alloc(%p) throws RangeError', (p) => {
    expectThrow(() => XfrmState.alloc(p as never), ...RANGE);
  });

  test('XfrmState.alloc(null) throws TypeError', () => {
    expectThrow(() => XfrmState.alloc(null as never), ...TYPE);
  });

  test("a state put more often than held is destroyed at zero, with the kernel's warning", () => {
    // The shared-block delete sequence of the README: the port, the model
    // and the kernel all put the state once too often, so it reaches zero
    // while the state table still holds it.
    const x = XfrmState.alloc({ spi: 1 })!;
    const s0 = Skb.alloc(16)!;
    s0.secpathSet()!.pushState(x);
    s0.nfBridgeAlloc();
    const s1 = s0.clone()!;
    s1.secpathReset();
    s1.extAdd('MPTCP');
    s1.free();
    s0.free();
    expectThrow(() => x.delete(), ...XFREED);
    expect(stats().warnings).toBe(warningsBefore + 1);
  });
});

describe('foreign objects', () => {
  test('sharesExtWith a plain object throws TypeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.sharesExtWith({} as Skb), ...TYPE);
    s.free();
  });

  test('extCopy from a plain object throws TypeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.extCopy({ free() {} } as unknown as Skb), ...TYPE);
    s.free();
  });

  test('extCopy onto itself throws RangeError', () => {
    const s = Skb.alloc(16)!;
    s.extAdd('TC');
    expectThrow(() => s.extCopy(s), ...RANGE);
    expect(s.extRefcnt).toBe(1);
    s.free();
  });

  test('pushState of a non-state throws TypeError', () => {
    const s = Skb.alloc(16)!;
    expectThrow(() => s.secpathSet()!.pushState({} as XfrmState), ...TYPE);
    s.free();
  });

  test('an Skb method called on a plain object throws TypeError', () => {
    let err: unknown;
    try {
      Skb.prototype.free.call({});
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe('TypeError');
  });

  test('a forged handle number throws TypeError; a stale one SkbFreedError', () => {
    expectThrow(() => native().skbFree(12345.5), ...TYPE);
    expectThrow(() => native().skbUsers(7), ...TYPE);
    const h = native().skbAlloc(16, false)!;
    native().skbFree(h);
    expectThrow(() => native().skbFree(h), ...FREED);
  });

  test('failNth(-1) throws RangeError', () => {
    expectThrow(() => faults.failNth(-1), ...RANGE);
  });
});

describe('garbage collection of undisposed objects', () => {
  const collect = () => (globalThis as unknown as { skbextCollectGarbage: () => Promise<void> }).skbextCollectGarbage();

  test('an Skb dropped without free() is freed by its finalizer and counted as a leak', async () => {
    const before = stats().gcLeaks.skbs;
    (() => {
      const s = Skb.alloc(64)!;
      s.extAdd('BRIDGE_NF');
    })();
    await collect();
    expect(stats().gcLeaks.skbs).toBe(before + 1);
  });

  test('an XfrmState dropped without delete() is deleted by its finalizer and counted', async () => {
    const before = stats().gcLeaks.states;
    (() => {
      XfrmState.alloc({ spi: 5 });
    })();
    await collect();
    expect(stats().gcLeaks.states).toBe(before + 1);
  });

  test('a state object read from xvec and dropped is not a leak', async () => {
    const x = XfrmState.alloc({ spi: 6 })!;
    const s = Skb.alloc(64)!;
    s.secpathSet()!.pushState(x);
    const before = stats().gcLeaks.states;
    expect(s.secPath!.xvec[0]).toBe(x);
    s.free();
    x.delete();
    await collect();
    expect(stats().gcLeaks.states).toBe(before);
  });
});

describe('tapes', () => {
  test('a tape of random bytes runs without a crash and leaves nothing', () => {
    let seed = 12345;
    const bytes = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const r = runTape(bytes);
    expect(r.trace).toMatch(/end ops=\d+/);
  });

  test('a tape that is not a Uint8Array throws TypeError', () => {
    expectThrow(() => native().tapeRun([1, 2] as unknown as Uint8Array, 1, 100), ...TYPE);
  });
});
