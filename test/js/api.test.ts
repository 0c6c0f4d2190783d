// SPDX-License-Identifier: GPL-2.0-only
/** The API's behaviour, mirroring the C cases of test/c: one behaviour per case. */
import { Skb, XfrmState, stats, threadStats, cacheLive, faults, ESRCH, encodeTape, runTape, config } from '../../lib';

function mustAlloc(size = 64): Skb {
  const s = Skb.alloc(size);
  if (!s) throw new Error('alloc_skb failed');
  return s;
}

function mustState(spi = 0x100): XfrmState {
  const x = XfrmState.alloc({ spi, daddr: '10.0.0.1' });
  if (!x) throw new Error('xfrm_state_alloc failed');
  return x;
}

describe('skb', () => {
  test('alloc gives one user, no extensions, the size asked as tailroom', () => {
    const s = mustAlloc(100);
    expect(s.users).toBe(1);
    expect(s.activeExtensions).toEqual([]);
    expect(s.extRefcnt).toBe(0);
    expect(s.info().tailroom).toBeGreaterThanOrEqual(100);
    s.free();
  });

  test('get adds a user that a second free drops', () => {
    const s = mustAlloc();
    const t = s.get();
    expect(s.users).toBe(2);
    s.free();
    expect(t.users).toBe(1);
    t.free();
    expect(cacheLive('skbuff_head_cache')).toBe(0);
  });

  test('put, push and pull move data as skb_put/skb_push/skb_pull do', () => {
    const s = mustAlloc(64);
    s.reserve(16);
    s.put(Uint8Array.from([3, 4]));
    s.push(Uint8Array.from([1, 2]));
    expect([...s.data]).toEqual([1, 2, 3, 4]);
    expect(s.pull(1)).toBe(true);
    expect(s.pull(10)).toBeNull();
    expect([...s.data]).toEqual([2, 3, 4]);
    s.free();
  });

  test('fclone pair: the first clone is skb2 and both free back to the cache', () => {
    const s = Skb.allocFclone(64)!;
    expect(s.info().fclone).toBe('orig');
    const c = s.clone()!;
    expect(c.info().fclone).toBe('clone');
    expect(cacheLive('skbuff_head_cache')).toBe(0);
    c.free();
    s.free();
    expect(cacheLive('skbuff_fclone_cache')).toBe(0);
  });
});

describe('extensions', () => {
  test('ext add makes the id active in a block of refcount 1', () => {
    const s = mustAlloc();
    expect(s.extAdd('BRIDGE_NF')).not.toBeNull();
    expect(s.activeExtensions).toEqual(['BRIDGE_NF']);
    expect(s.extRefcnt).toBe(1);
    s.free();
    expect(cacheLive('skbuff_ext_cache')).toBe(0);
  });

  test('clone shares the block and bumps its refcount', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const c = s.clone()!;
    expect(c.sharesExtWith(s)).toBe(true);
    expect(s.extRefcnt).toBe(2);
    c.free();
    expect(s.extRefcnt).toBe(1);
    s.free();
  });

  test('add on a shared block copies it, and the original keeps its ids', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const c = s.clone()!;
    const before = stats().extCow;
    expect(c.extAdd('MPTCP')).not.toBeNull();
    expect(stats().extCow).toBe(before + 1);
    expect(c.sharesExtWith(s)).toBe(false);
    expect(s.activeExtensions).toEqual(['BRIDGE_NF']);
    expect(c.activeExtensions).toEqual(['BRIDGE_NF', 'MPTCP']);
    expect(s.extRefcnt).toBe(1);
    expect(c.extRefcnt).toBe(1);
    c.free();
    s.free();
  });

  test('deleting the last id frees the block', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    s.extDel('BRIDGE_NF');
    expect(s.activeExtensions).toEqual([]);
    expect(cacheLive('skbuff_ext_cache')).toBe(0);
    s.free();
  });

  test('extFind returns null for an id not active', () => {
    const s = mustAlloc();
    expect(s.extFind('SEC_PATH')).toBeNull();
    s.extAdd('MPTCP');
    expect(s.extFind('MPTCP')).not.toBeNull();
    expect(s.extExist('MPTCP')).toBe(true);
    s.free();
  });

  test('extReset drops one block reference', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const c = s.clone()!;
    c.extReset();
    expect(c.activeExtensions).toEqual([]);
    expect(s.extRefcnt).toBe(1);
    c.free();
    s.free();
  });

  test('extCopy shares the source block and puts its own', () => {
    const a = mustAlloc();
    const b = mustAlloc();
    a.extAdd('BRIDGE_NF');
    b.extAdd('MPTCP');
    b.extCopy(a);
    expect(b.sharesExtWith(a)).toBe(true);
    expect(a.extRefcnt).toBe(2);
    expect(b.activeExtensions).toEqual(['BRIDGE_NF']);
    a.free();
    b.free();
  });

  test('copy and pskbCopy share the block', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const c = s.copy()!;
    const p = s.pskbCopy()!;
    expect(c.sharesExtWith(s)).toBe(true);
    expect(p.sharesExtWith(s)).toBe(true);
    expect(s.extRefcnt).toBe(3);
    expect(c.cloned).toBe(false);
    c.free();
    p.free();
    s.free();
  });

  test('scrub drops every extension', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    s.secpathSet();
    s.scrub(false);
    expect(s.activeExtensions).toEqual([]);
    s.free();
  });

  test('nf_bridge view writes go to a private copy of a shared block', () => {
    const s = mustAlloc();
    const nb = s.nfBridgeAlloc()!;
    expect(nb.physinif).toBe(0);
    const c = s.clone()!;
    expect(c.nfBridge!.write({ physinif: 7, inPrerouting: true })).toBe(true);
    expect(c.nfBridge!.physinif).toBe(7);
    expect(c.nfBridge!.inPrerouting).toBe(true);
    expect(s.nfBridge!.physinif).toBe(0);
    expect(c.sharesExtWith(s)).toBe(false);
    c.free();
    s.free();
  });

  test('mptcp view: a clone carries the mapping, a write on it does not touch the original', () => {
    const s = mustAlloc();
    const m = s.extAdd('MPTCP')!;
    m.write({ dataSeq: 0x1122334455667788n, subflowSeq: 5, dataLen: 1400, useMap: true, dsn64: true });
    const c = s.clone()!;
    expect(c.mptcp!.dataSeq).toBe(0x1122334455667788n);
    c.mptcp!.write({ dataSeq: 1n });
    expect(s.mptcp!.dataSeq).toBe(0x1122334455667788n);
    expect(c.mptcp!.dataSeq).toBe(1n);
    c.free();
    s.free();
  });
});

describe('sec_path and xfrm_state', () => {
  test('secpathSet on a fresh skb is empty', () => {
    const s = mustAlloc();
    const sp = s.secpathSet()!;
    expect(sp.len).toBe(0);
    expect(sp.olen).toBe(0);
    expect(s.secpathExists()).toBe(true);
    s.free();
  });

  test('pushState holds the state and xvec returns the same object', () => {
    const s = mustAlloc();
    const x = mustState();
    expect(x.refcnt).toBe(1);
    s.secpathSet()!.pushState(x);
    expect(x.refcnt).toBe(2);
    expect(s.secPath!.xvec[0]).toBe(x);
    s.free();
    expect(x.refcnt).toBe(1);
    expect(x.delete()).toBe(0);
    expect(stats().live).toBe(0);
  });

  test('a secpath COW holds every state', () => {
    const s = mustAlloc();
    const x = mustState(1);
    const y = mustState(2);
    s.secpathSet()!.pushState(x);
    s.secPath!.pushState(y);
    const c = s.clone()!;
    expect(x.refcnt).toBe(2);
    c.extAdd('BRIDGE_NF');
    expect(x.refcnt).toBe(3);
    expect(y.refcnt).toBe(3);
    c.free();
    s.free();
    expect(x.refcnt).toBe(1);
    x.delete();
    y.delete();
  });

  test('secpathReset on a private block gives the states back at once', () => {
    const s = mustAlloc();
    const x = mustState();
    s.extAdd('BRIDGE_NF');
    s.secpathSet()!.pushState(x);
    s.secpathReset();
    expect(x.refcnt).toBe(1);
    expect(s.secPath).toBeNull();
    s.free();
    x.delete();
  });

  test('tcpCleanup drops the sec_path and keeps the MPTCP mapping (tcp_cleanup_skb)', () => {
    const s = mustAlloc();
    const x = mustState();
    s.secpathSet()!.pushState(x);
    s.extAdd('MPTCP')!.write({ dataSeq: 42n, useMap: true });
    const c = s.clone()!;
    c.tcpCleanup();
    /* a shared block: the states stay with the other skb */
    expect(c.activeExtensions).toEqual(['MPTCP']);
    expect(c.mptcp!.dataSeq).toBe(42n);
    expect(x.refcnt).toBe(2);
    c.free();
    s.tcpCleanup();
    expect(s.secPath).toBeNull();
    expect(x.refcnt).toBe(1);
    expect(s.mptcp!.dataSeq).toBe(42n);
    s.tcpCleanup();
    expect(s.activeExtensions).toEqual(['MPTCP']);
    s.free();
    x.delete();
  });

  test('a state lives while a sec_path holds it after delete', () => {
    const s = mustAlloc();
    const x = mustState();
    s.secpathSet()!.pushState(x);
    expect(x.delete()).toBe(0);
    expect(x.dead).toBe(true);
    expect(x.refcnt).toBe(1);
    expect(x.delete()).toBe(-ESRCH);
    s.free();
    expect(cacheLive('xfrm_state')).toBe(0);
  });

  test('hold and put count as xfrm_state_hold/xfrm_state_put', () => {
    const x = mustState();
    x.hold();
    expect(x.refcnt).toBe(2);
    expect(x.put()).toBe(1);
    x.delete();
    expect(cacheLive('xfrm_state')).toBe(0);
  });

  test('putting the last reference of a state never deleted warns, as the kernel does', () => {
    const x = mustState();
    const w = stats().warnings;
    expect(x.put()).toBe(0);
    expect(stats().warnings).toBe(w + 1);
    expect(cacheLive('xfrm_state')).toBe(0);
  });

  test('state fields read back as given', () => {
    const x = XfrmState.alloc({ spi: 0xdeadbeef, daddr: '2001:db8::1', proto: 'ah', dir: 'in' })!;
    const i = x.info();
    expect(i.spi).toBe(0xdeadbeef);
    expect(i.family).toBe(10);
    expect(i.proto).toBe('ah');
    expect(i.dir).toBe('in');
    expect(i.daddr).toBe('2001:db8:0:0:0:0:0:1');
    x.delete();
  });
});

describe('fault injection', () => {
  test('failNth makes the n-th allocation fail: alloc returns null and nothing leaks', () => {
    faults.failNth(1);
    expect(Skb.alloc(64)).toBeNull();
    faults.failNth(2);
    expect(Skb.alloc(64)).toBeNull(); // the head is allocated, the data fails
    expect(stats().live).toBe(0);
  });

  test('a failed COW leaves the skb and its shared block unchanged', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const c = s.clone()!;
    faults.failNth(1);
    expect(c.extAdd('MPTCP')).toBeNull();
    expect(c.sharesExtWith(s)).toBe(true);
    expect(c.activeExtensions).toEqual(['BRIDGE_NF']);
    expect(s.extRefcnt).toBe(2);
    c.free();
    s.free();
  });

  test('a failed clone returns null', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    faults.failNth(1);
    expect(s.clone()).toBeNull();
    expect(s.extRefcnt).toBe(1);
    expect(faults.pending()).toBe(0);
    s.free();
  });
});

describe('threadStats()', () => {
  test('answers what stats().thread does, and follows an allocation and its free', () => {
    expect(threadStats()).toEqual(stats().thread);
    const before = threadStats();
    const s = Skb.alloc(64)!;
    s.extAdd('BRIDGE_NF');
    const during = threadStats();
    // head, data, extension block (in_head: the block is in the head's room, no slab object)
    expect(during.live).toBe(before.live + (config().design === 'in_head' ? 2 : 3));
    expect(during).toEqual(stats().thread);
    s.free();
    expect(threadStats()).toEqual(before);
  });
});

describe('a trace cut short', () => {
  test('is the first bytes of the whole trace, and says it overflowed', () => {
    const tape = encodeTape([
      { op: 'alloc', args: [0, 16] },
      { op: 'ext_add', args: [0, 0] },
      { op: 'clone', args: [1, 0] },
      { op: 'free', args: [1] },
      { op: 'free', args: [0] },
    ]);
    const whole = runTape(tape, { trace: false, traceSize: 1 << 16 });
    expect(whole.overflow).toBe(false);
    expect(whole.trace).toMatch(/^#0 alloc s0 16 = ok\n#1 ext_add s0 \w+ = ok\n/);
    for (const size of [2, 30, 31, 57, whole.trace.length]) {
      const cut = runTape(tape, { trace: false, traceSize: size });
      expect(cut.overflow).toBe(true);
      expect(cut.trace).toBe(whole.trace.slice(0, size - 1));
    }
    expect(runTape(tape, { trace: false, traceSize: whole.trace.length + 1 }).trace).toBe(whole.trace);
  });
});
