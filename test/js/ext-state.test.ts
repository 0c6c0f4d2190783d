// SPDX-License-Identifier: GPL-2.0-only
/**
 * The quantities the kernel keeps that the API reads since issue 15: the
 * build's config, skb->extensions' state, the block's offsets and chunks,
 * block identity, nf_reset_ct() and skb_release_head_state(); and the
 * same in the tape's trace. Figures differ between the configs: each
 * test checks those of the config the addon was built in, and a test
 * that needs an id the build lacks is skipped (jest lists it).
 */
import { Skb, XfrmState, config, runTape, encodeTape, predictTrace, decodeTape } from '../../lib';

const cfg = config();
const full = cfg.name === 'full';
const testFull = full ? test : test.skip;

function mustAlloc(size = 64): Skb {
  const s = Skb.alloc(size);
  if (!s) throw new Error('alloc_skb failed');
  return s;
}

describe('config()', () => {
  test('names the config and its ids, as the build enables them', () => {
    expect(['debian', 'full']).toContain(cfg.name);
    expect(cfg.extIds).toEqual(
      full ? ['BRIDGE_NF', 'SEC_PATH', 'TC', 'MPTCP', 'MCTP'] : ['BRIDGE_NF', 'SEC_PATH', 'MPTCP'],
    );
    expect(cfg.chunkBytes).toBe(8);
    // refcnt, offset[] and chunks: 8 bytes with three ids, 10 (so 16) with five
    expect(cfg.headerChunks).toBe(full ? 2 : 1);
    expect(cfg.extChunks).toMatchObject({ BRIDGE_NF: 4, SEC_PATH: 11, MPTCP: 4 });
    if (full) expect(cfg.extChunks).toMatchObject({ TC: 2, MCTP: 1 });
  });

  test('the default build is Debian 6.1 unless SKBEXT_CONFIG says otherwise', () => {
    expect(cfg.name).toBe(process.env.SKBEXT_EXPECT_CONFIG ?? 'debian');
  });

  test("names the block's allocation design: 6.1's unless the build asked for a variant", () => {
    expect(['none', 'cache', 'in_head']).toContain(cfg.design);
    expect(cfg.design).toBe(process.env.SKBEXT_EXPECT_DESIGN ?? 'none');
  });
});

describe('extLayout()', () => {
  test("mptcp, then bridge, then sec_path: the kernel's offsets and chunks", () => {
    const s = mustAlloc();
    expect(s.extLayout()).toBeNull();
    s.extAdd('MPTCP');
    s.nfBridgeAlloc();
    s.secpathSet();
    const k = full ? 1 : 0;
    expect(s.extLayout()).toEqual({ offset: { MPTCP: 1 + k, BRIDGE_NF: 5 + k, SEC_PATH: 9 + k }, chunks: 20 + k });
    s.free();
  });

  test('an id deleted from a shared block is not listed, its room stays used', () => {
    const s = mustAlloc();
    s.extAdd('MPTCP');
    s.nfBridgeAlloc();
    const c = s.clone() as Skb;
    c.extDel('MPTCP');
    const h = cfg.headerChunks;
    expect(c.extLayout()).toEqual({ offset: { BRIDGE_NF: h + 4 }, chunks: h + 8 });
    c.free();
    s.free();
  });

  testFull('TC takes two chunks, MCTP one (full config)', () => {
    const s = mustAlloc();
    s.extAdd('TC');
    s.extAdd('MCTP');
    expect(s.extLayout()).toEqual({ offset: { TC: 2, MCTP: 4 }, chunks: 5 });
    s.free();
  });
});

describe('extState', () => {
  test('null in a new skb and its clone', () => {
    const s = mustAlloc();
    const c = s.clone() as Skb;
    expect(s.extState).toBe('null');
    expect(c.extState).toBe('null');
    c.free();
    s.free();
  });

  test('live with an id, stale after extReset(), live again after an add', () => {
    const s = mustAlloc();
    s.extAdd('MPTCP');
    expect(s.extState).toBe('live');
    s.extReset();
    expect(s.extState).toBe('stale');
    expect(s.activeExtensions).toEqual([]);
    s.nfBridgeAlloc();
    expect(s.extState).toBe('live');
    s.free();
  });

  test('stale after scrub(), null after the last extDel()', () => {
    const a = mustAlloc();
    a.nfBridgeAlloc();
    a.scrub(false);
    expect(a.extState).toBe('stale');
    const b = mustAlloc();
    b.nfBridgeAlloc();
    b.extDel('BRIDGE_NF');
    expect(b.extState).toBe('null');
    a.free();
    b.free();
  });

  test('stale after extCopy() from an skb without extensions', () => {
    const a = mustAlloc();
    const b = mustAlloc();
    b.extAdd('MPTCP');
    b.extCopy(a);
    expect(b.extState).toBe('stale');
    a.free();
    b.free();
  });
});

describe('Skb.extBlocks()', () => {
  test('numbers blocks in order of first sight; null without one', () => {
    const a = mustAlloc();
    a.nfBridgeAlloc();
    const b = a.clone() as Skb;
    const c = mustAlloc();
    c.extAdd('MPTCP');
    const d = mustAlloc();
    expect(Skb.extBlocks([c, a, b, d])).toEqual([0, 1, 1, null]);
    b.extAdd('MPTCP'); // copy on write: b gets a block of its own
    expect(Skb.extBlocks([a, b, c])).toEqual([0, 1, 2]);
    for (const s of [a, b, c, d]) s.free();
  });

  test('a freed skb in the list is a typed error', () => {
    const a = mustAlloc();
    const b = mustAlloc();
    b.free();
    expect(() => Skb.extBlocks([a, b])).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    expect(() => Skb.extBlocks('x' as unknown as Skb[])).toThrow(TypeError);
    a.free();
  });
});

describe('nfResetCt() and releaseHeadState()', () => {
  test('nf_reset_ct keeps the extensions', () => {
    const s = mustAlloc();
    s.nfBridgeAlloc();
    s.nfResetCt();
    expect(s.activeExtensions).toEqual(['BRIDGE_NF']);
    expect(s.extRefcnt).toBe(1);
    s.free();
  });

  test('release_head_state puts the block once; the free that follows does not', () => {
    const x = XfrmState.alloc({ spi: 7, daddr: '10.0.0.1' }) as XfrmState;
    const s = mustAlloc();
    s.secpathSet()?.pushState(x);
    const c = s.clone() as Skb;
    expect(x.refcnt).toBe(2);
    c.releaseHeadState();
    expect(c.extState).toBe('released');
    expect(s.extRefcnt).toBe(1);
    expect(() => c.info()).toThrow(expect.objectContaining({ code: 'ERR_SKB_HEAD_RELEASED' }));
    expect(() => c.clone()).toThrow(expect.objectContaining({ code: 'ERR_SKB_HEAD_RELEASED' }));
    c.free();
    expect(s.extRefcnt).toBe(1);
    s.releaseHeadState();
    expect(x.refcnt).toBe(1); // the block went, and its hold on x
    s.consume();
    x.delete();
  });

  test('release_head_state of an skb with two users is a RangeError', () => {
    const s = mustAlloc();
    const t = s.get();
    expect(() => s.releaseHeadState()).toThrow(/has 2 users; its callers own it alone/);
    t.free();
    s.free();
  });
});

describe('the trace', () => {
  test('shows offsets, chunks, a stale pointer and a released slot, as the model predicts', () => {
    const tape = encodeTape([
      { op: 'alloc', args: [0, 64] },
      { op: 'mptcp_map', args: [0, 5] },
      { op: 'nf_bridge_alloc', args: [0] },
      { op: 'secpath_set', args: [0] },
      { op: 'clone', args: [1, 0] },
      { op: 'ext_reset', args: [0] },
      { op: 'nf_reset_ct', args: [1] },
      { op: 'release_head_state', args: [1] },
      { op: 'get', args: [1] },
      { op: 'free', args: [1] },
    ]);
    const r = runTape(tape);
    expect(r.trace).toBe(predictTrace(decodeTape(tape)));
    const k = full ? 1 : 0;
    expect(r.trace).toContain(
      `ext[BRIDGE_NF,SEC_PATH,MPTCP] blkA/1 o${5 + k},${9 + k},${1 + k} c${20 + k} sp0/0[] dsn5`,
    );
    expect(r.trace).toContain(
      '#5 ext_reset s0 = ok\n  | s0 u1 c1 f- ext[] stale s1 u1 c1 f- ext[BRIDGE_NF,SEC_PATH,MPTCP] blkA/1',
    );
    expect(r.trace).toContain(
      '#7 release_head_state s1 = ok\n  | s0 u1 c1 f- ext[] stale s1 u1 c1 f- ext[BRIDGE_NF,SEC_PATH,MPTCP] released |',
    );
    expect(r.trace).toContain('#8 get s1 = refused\n');
    expect(r.trace).toContain('#9 free s1 = ok\n  | s0 u1 c0 f- ext[] stale |');
  });

  test('with noUnexported (the kernel oracle), release_head_state is unsupported', () => {
    const tape = encodeTape([
      { op: 'alloc', args: [0, 64] },
      { op: 'release_head_state', args: [0] },
    ]);
    const r = runTape(tape, { noUnexported: true });
    expect(r.trace).toContain('#1 release_head_state s0 = unsupported\n');
  });

  testFull('TC and MCTP offsets in the trace (full config)', () => {
    const tape = encodeTape([
      { op: 'alloc', args: [0, 64] },
      { op: 'ext_add', args: [0, 2] },
      { op: 'ext_add', args: [0, 4] },
    ]);
    const r = runTape(tape);
    expect(r.trace).toContain('ext[TC,MCTP] blkA/1 o2,4 c5');
    expect(r.trace).toBe(predictTrace(decodeTape(tape)));
  });

  test('TC and MCTP are unsupported in the default config', () => {
    const tape = encodeTape([
      { op: 'alloc', args: [0, 64] },
      { op: 'ext_add', args: [0, 2] },
      { op: 'ext_add', args: [0, 4] },
    ]);
    const r = runTape(tape);
    expect(r.trace).toBe(predictTrace(decodeTape(tape)));
    if (!full) expect(r.trace).toContain('#1 ext_add s0 TC = unsupported');
  });
});
