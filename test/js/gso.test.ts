// SPDX-License-Identifier: GPL-2.0-only
/**
 * GSO packets with page frags, skb_segment(), IPv4 fragments and ESP
 * offload transmit from TypeScript (test/c/gso_test.c has the C side).
 */
import { Skb, XfrmState, cacheLive, faults, stats } from '../../lib';

function gso(linear: number, nfrags: number, fragSize: number, mss: number): Skb {
  const s = Skb.allocGso({ linear, nfrags, fragSize, mss });
  if (!s) throw new Error('allocGso failed');
  return s;
}

function freeAll(...skbs: Skb[]): void {
  for (const s of skbs) s.free();
}

afterEach(() => {
  expect(stats().live).toBe(0);
});

describe('allocGso', () => {
  test('puts the payload after the headers, in the head and in pages', () => {
    const s = gso(10, 2, 100, 64);
    const i = s.info();
    expect(i.len).toBe(210);
    expect(i.dataLen).toBe(200);
    expect(cacheLive('pages')).toBe(2);
    s.free();
    expect(cacheLive('pages')).toBe(0);
  });

  test('answers null when an allocation fails, leaving nothing', () => {
    for (let n = 1; n <= 4; n++) {
      faults.failNth(n);
      expect(Skb.allocGso({ linear: 8, nfrags: 2, fragSize: 64, mss: 32 })).toBeNull();
      expect(stats().live).toBe(0);
    }
  });

  test('refuses what is no GSO packet', () => {
    expect(() => Skb.allocGso({ mss: 0 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => Skb.allocGso({ nfrags: 18, fragSize: 1, mss: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
    expect(() => Skb.allocGso({ nfrags: 1, fragSize: 4097, mss: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }),
    );
    expect(() => Skb.allocGso({ mss: 1, frags: 2 } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });
});

describe('segment', () => {
  test('cuts gso_size pieces that share the pages and the extension block', () => {
    const s = gso(256, 3, 256, 256);
    expect(s.nfBridgeAlloc()).not.toBeNull();
    const segs = s.segment();
    if (!segs) throw new Error('skb_segment failed');
    expect(segs.map((g) => g.info().len)).toEqual([310, 310, 310, 310]);
    expect(segs.map((g) => g.info().dataLen)).toEqual([0, 256, 256, 256]);
    for (const g of segs) {
      expect(g.sharesExtWith(s)).toBe(true);
      expect(g.activeExtensions).toEqual(['BRIDGE_NF']);
    }
    expect(s.extRefcnt).toBe(5);
    // the head's data went back to its mac header
    expect(s.info().len).toBe(54 + 1024);
    freeAll(s);
    expect(cacheLive('pages')).toBe(3);
    freeAll(...segs);
  });

  test('carries the payload bytes across frags', () => {
    const s = gso(30, 2, 100, 70);
    const segs = s.segment()!;
    expect(segs.length).toBe(4);
    // the last one's payload is all in a page: skb_copy() makes it linear
    expect(segs[3].data.length).toBe(54);
    const lin = segs[3].copy()!;
    const last = lin.data;
    expect(last.length).toBe(54 + 20);
    expect(last[54]).toBe(210);
    expect(last[54 + 19]).toBe(229);
    freeAll(s, ...segs, lin);
  });

  test('answers null when an allocation fails, and frees the segments made', () => {
    for (let n = 1; n <= 6; n++) {
      const s = gso(64, 2, 100, 100);
      s.nfBridgeAlloc();
      faults.failNth(n);
      expect(s.segment()).toBeNull();
      expect(s.extRefcnt).toBe(1);
      expect(cacheLive('skbuff_head_cache')).toBe(1);
      s.free();
    }
  });

  test('refuses a packet that is not GSO', () => {
    const s = Skb.alloc(64)!;
    expect(() => s.segment()).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    s.free();
  });
});

describe('ipFragment', () => {
  test('cuts at 8-byte boundaries and gives every fragment the extensions', () => {
    const s = gso(250, 0, 0, 1000);
    s.nfBridgeAlloc();
    const segs = s.segment()!;
    // one segment: 54 header bytes, 250 payload; from the IP header on, 270 to cut
    const frags = segs[0].ipFragment(100)!;
    expect(frags.map((f) => f.info().len)).toEqual([116, 116, 98]);
    for (const f of frags) expect(f.sharesExtWith(s)).toBe(true);
    expect(s.extRefcnt).toBe(5);
    freeAll(s, ...segs, ...frags);
  });

  test('answers null when an allocation fails, leaving nothing behind', () => {
    const s = gso(250, 0, 0, 1000);
    for (let n = 1; n <= 4; n++) {
      faults.failNth(n);
      expect(s.ipFragment(100)).toBeNull();
      expect(cacheLive('skbuff_head_cache')).toBe(1);
    }
    s.free();
  });

  test('refuses an mtu below 8 and a datagram with no payload', () => {
    const s = gso(100, 0, 0, 100);
    expect(() => s.ipFragment(7)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    const e = Skb.alloc(64)!;
    expect(() => e.ipFragment(100)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    freeAll(s, e);
  });
});

describe('ESP offload transmit', () => {
  function espSegments(x: XfrmState): { head: Skb; segs: Skb[] } {
    const head = gso(0, 3, 100, 100);
    expect(head.xfrmOutputOffload(x)).toBe(true);
    const segs = head.segment();
    if (!segs) throw new Error('esp4_gso_segment failed');
    return { head, segs };
  }

  test('xfrmOutputOffload puts the state on a fresh offloaded path', () => {
    const x = XfrmState.alloc({ spi: 0x200, daddr: '10.0.0.2' })!;
    const s = gso(100, 0, 0, 50);
    expect(s.xfrmOutputOffload(x)).toBe(true);
    expect(s.secPath!.len).toBe(1);
    expect(s.secPath!.olen).toBe(1);
    expect(s.secPath!.xvec[0]).toBe(x);
    expect(x.refcnt).toBe(2);
    s.free();
    x.delete();
  });

  test('xfrmOutputOffload drops the packet when the sec_path cannot be had', () => {
    const x = XfrmState.alloc({ spi: 0x201, daddr: '10.0.0.2' })!;
    const s = gso(100, 1, 100, 50);
    faults.failNth(1);
    expect(s.xfrmOutputOffload(x)).toBe(false);
    expect(() => s.users).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    expect(x.refcnt).toBe(1);
    x.delete();
  });

  test('espXmit marks one segment transmitted without touching its siblings', () => {
    const x = XfrmState.alloc({ spi: 0x202, daddr: '10.0.0.2' })!;
    const { head, segs } = espSegments(x);
    expect(segs.every((g) => g.sharesExtWith(head))).toBe(true);
    expect(segs[0].espXmit()).toBe('ok');
    expect(segs[0].sharesExtWith(head)).toBe(false);
    expect(segs[1].sharesExtWith(head)).toBe(true);
    expect(segs[0].secPath!.ovec[0].flags & 0x100).toBe(0x100); // XFRM_XMIT
    expect(segs[1].secPath!.ovec[0].flags & 0x100).toBe(0);
    // the sibling is sent too, and a segment sent once passes after
    expect(segs[1].espXmit()).toBe('ok');
    expect(segs[1].espXmit()).toBe('passed');
    freeAll(head, ...segs);
    x.delete();
  });

  test('espXmit drops the segment when its private copy cannot be made', () => {
    const x = XfrmState.alloc({ spi: 0x203, daddr: '10.0.0.2' })!;
    const { head, segs } = espSegments(x);
    faults.failNth(1);
    expect(segs[0].espXmit()).toBeNull();
    expect(() => segs[0].info()).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    expect(head.extRefcnt).toBe(3);
    freeAll(head, ...segs.slice(1));
    x.delete();
  });

  test('espXmit passes a packet without offload state and refuses one without a mac header', () => {
    const s = gso(10, 0, 0, 10);
    expect(s.espXmit()).toBe('passed');
    s.free();
    const t = Skb.alloc(32)!;
    expect(() => t.espXmit()).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    t.free();
  });
});
