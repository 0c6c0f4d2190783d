// SPDX-License-Identifier: GPL-2.0-only
/**
 * The receive and merge paths (issue 15): the TypeScript methods, and the
 * tape ops 0x28-0x2f against the model. TC and MCTP exist only in the
 * full config: their cases are skipped, with the reason in their title,
 * when config() lacks the id.
 */
import {
  Skb,
  SkbBusyError,
  cacheLive,
  decodeTape,
  encodeTape,
  faults,
  buildModelConfig,
  config,
  parseTapeText,
  predictTrace,
  runTape,
  skbExtIds,
  stats,
} from '../../lib';

function mustAlloc(size = 64): Skb {
  const s = Skb.alloc(size);
  if (!s) throw new Error('alloc_skb failed');
  return s;
}

/* a mapping as MPTCP writes one */
function mapped(dsn: bigint): Skb {
  const s = mustAlloc();
  expect(s.extAdd('MPTCP')).not.toBeNull();
  expect(s.mptcp!.write({ dataSeq: dsn, dataLen: 1400, useMap: true })).toBe(true);
  return s;
}

const ids = skbExtIds() as Record<string, number>;
const withId = (id: string): jest.It => (id in ids ? test : test.skip);
const without = (id: string): string => (id in ids ? '' : ` (skipped: ${id} is not in this config)`);

describe('coalesce', () => {
  test('merges the later segment into the earlier, which keeps its extensions', () => {
    const to = mustAlloc();
    const from = mustAlloc();
    to.extAdd('BRIDGE_NF');
    from.extAdd('BRIDGE_NF');
    to.put(Uint8Array.from([1, 2]));
    from.put(Uint8Array.from([3]));
    expect(to.coalesce(from)).toBe(true);
    expect([...to.data]).toEqual([1, 2, 3]);
    expect(to.extRefcnt).toBe(1);
    expect(() => from.users).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    // in_head (docs/design-variants.md): to's block is in its head, no slab object
    expect(cacheLive('skbuff_ext_cache')).toBe(config().design === 'in_head' ? 0 : 1);
    to.free();
  });

  test('refuses a segment whose MPTCP mapping differs, changing nothing', () => {
    const to = mapped(1000n);
    const from = mapped(2000n);
    expect(to.coalesce(from)).toBe(false);
    from.mptcp!.write({ dataSeq: 1000n, dataFin: true });
    expect(to.coalesce(from)).toBe(false);
    from.mptcp!.write({ dataFin: false });
    expect(to.coalesce(from)).toBe(true);
    to.free();
  });

  test('takes a plain segment into a mapped one, never a mapped one into a plain one', () => {
    const plain = mustAlloc();
    const m = mapped(7n);
    expect(plain.coalesce(m)).toBe(false);
    expect(m.coalesce(plain)).toBe(true);
    m.free();
  });

  test('refuses a destination whose head a clone shares, and bytes past its tailroom', () => {
    const to = mustAlloc();
    const c = to.clone()!;
    const from = mustAlloc(1024);
    expect(to.coalesce(from)).toBe(false);
    c.free();
    from.put(new Uint8Array(to.info().tailroom + 1));
    expect(to.coalesce(from)).toBe(false);
    from.free();
    to.free();
  });

  test('throws for a segment with other users and for itself', () => {
    const to = mustAlloc();
    const from = mustAlloc();
    const held = from.get();
    expect(() => to.coalesce(from)).toThrow(SkbBusyError);
    expect(() => to.coalesce(to)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    held.free();
    from.free();
    to.free();
  });
});

describe('collapse', () => {
  test("a new skb takes the first segment's bytes and block; the second follows only with the same mapping", () => {
    const s = mapped(1000n);
    const t = mapped(2000n);
    s.put(Uint8Array.from([1, 2]));
    t.put(Uint8Array.from([3]));
    const r = s.collapse(t)!;
    expect(r.merged).toBe(false);
    expect([...r.skb.data]).toEqual([1, 2]);
    expect(r.skb.mptcp!.dataSeq).toBe(1000n);
    expect(r.skb.extRefcnt).toBe(1); // the block moved: no reference taken
    expect(() => s.users).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    expect(t.users).toBe(1);
    const s2 = mapped(2000n);
    s2.put(Uint8Array.from([4]));
    const r2 = s2.collapse(t)!;
    expect(r2.merged).toBe(true);
    expect([...r2.skb.data]).toEqual([4, 3]);
    expect(() => t.users).toThrow(expect.objectContaining({ code: 'ERR_SKB_FREED' }));
    r.skb.free();
    r2.skb.free();
    expect(stats().live).toBe(0);
  });

  test('null when the new skb cannot be allocated, nothing changed; busy for a shared segment', () => {
    const s = mapped(1000n);
    const t = mustAlloc();
    for (let n = 1; n <= 2; n++) {
      faults.failNth(n);
      expect(s.collapse(t)).toBeNull();
      faults.failNth(0);
      expect(s.mptcp!.dataSeq).toBe(1000n);
    }
    const held = t.get();
    expect(() => s.collapse(t)).toThrow(SkbBusyError);
    expect(() => s.collapse(s)).toThrow(SkbBusyError);
    held.free();
    const r = s.collapse(t)!;
    expect(r.merged).toBe(true);
    r.skb.free();
    expect(stats().live).toBe(0);
  });
});

describe('partial frees and GRO', () => {
  test('kfreeSkbPartial with a stolen head drops the extensions and the sk_buff', () => {
    const s = mustAlloc();
    s.extAdd('SEC_PATH');
    s.kfreeSkbPartial(true);
    expect(stats().live).toBe(0);
  });

  test('kfreeSkbPartial refuses to steal a head shared with a clone or from the fclone cache', () => {
    const s = mustAlloc();
    const c = s.clone()!;
    expect(() => s.kfreeSkbPartial(true)).toThrow(SkbBusyError);
    c.free();
    const f = Skb.allocFclone(64)!;
    expect(() => f.kfreeSkbPartial(true)).toThrow(expect.objectContaining({ code: 'ERR_SKB_BUSY' }));
    f.kfreeSkbPartial(false);
    s.kfreeSkbPartial(false);
    expect(stats().live).toBe(0);
  });

  test('napiReuse resets the extensions under slow_gro and leaves the pointer stale', () => {
    const s = mustAlloc(256);
    s.extAdd('BRIDGE_NF');
    const c = s.clone()!;
    s.put(new Uint8Array(10));
    s.napiReuse();
    expect(s.activeExtensions).toEqual([]);
    expect(s.info().len).toBe(0);
    expect(c.extRefcnt).toBe(1);
    s.free();
    c.free();
  });

  test('napiReuse keeps extensions an skb got without slow_gro', () => {
    const owner = mustAlloc();
    owner.extAdd('BRIDGE_NF');
    const s = mustAlloc();
    s.extCopy(owner);
    s.napiReuse();
    expect(s.activeExtensions).toEqual(['BRIDGE_NF']);
    s.free();
    owner.free();
  });

  test('napiFreeStolenHead frees the extensions under slow_gro, refuses a copied block without it', () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    const t = mustAlloc();
    t.extCopy(s);
    expect(() => t.napiFreeStolenHead()).toThrow(SkbBusyError);
    t.free();
    s.napiFreeStolenHead();
    expect(stats().live).toBe(0);
  });
});

describe('morph', () => {
  test('makes an existing skb a clone of another, releasing what it held', () => {
    const dst = mustAlloc();
    const src = mustAlloc();
    dst.extAdd('SEC_PATH');
    src.extAdd('BRIDGE_NF');
    dst.morph(src);
    expect(dst.sharesExtWith(src)).toBe(true);
    expect(dst.activeExtensions).toEqual(['BRIDGE_NF']);
    expect(src.extRefcnt).toBe(2);
    expect(dst.info().cloned).toBe(true);
    expect(cacheLive('skbuff_ext_cache')).toBe(1);
    dst.free();
    src.free();
  });

  test('throws for an skb with other users and for itself', () => {
    const dst = mustAlloc();
    const src = mustAlloc();
    const held = dst.get();
    expect(() => dst.morph(src)).toThrow(SkbBusyError);
    expect(() => src.morph(src)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    held.free();
    dst.free();
    src.free();
  });
});

describe('tc extension', () => {
  withId('TC')(`tcSkbExtAlloc zeroes what a reused room held${without('TC')}`, () => {
    const s = mustAlloc();
    s.extAdd('BRIDGE_NF');
    expect(s.tcSkbExtAlloc({ chain: 3, zone: 7, postCt: true })).toMatchObject({ chain: 3, zone: 7, postCt: true });
    s.extDel('TC');
    expect(s.tcSkbExtAlloc({ chain: 4 })).toEqual({
      chain: 4,
      mru: 0,
      zone: 0,
      postCt: false,
      postCtSnat: false,
      postCtDnat: false,
    });
    expect(s.tcExt()!.chain).toBe(4);
    s.free();
  });

  withId('TC')(`tcSkbExtAlloc answers null on allocation failure, the skb unchanged${without('TC')}`, () => {
    const s = mustAlloc();
    faults.failNth(1);
    expect(s.tcSkbExtAlloc({ chain: 1 })).toBeNull();
    expect(s.tcExt()).toBeNull();
    expect(() => s.tcSkbExtAlloc({ chain: -1 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => s.tcSkbExtAlloc({ chian: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
    s.free();
  });
});

describe('MCTP flow', () => {
  withId('MCTP')(`the flow holds its key; a copied block holds it again${without('MCTP')}`, () => {
    const s = mustAlloc();
    expect(s.mctpSetFlow()).toBe(true);
    expect(s.mctpKeyRefs()).toBe(1);
    const c = s.clone()!;
    c.extAdd('BRIDGE_NF');
    expect(s.mctpKeyRefs()).toBe(2);
    s.free();
    expect(c.mctpKeyRefs()).toBe(1);
    c.free();
    expect(stats().live).toBe(0);
  });

  withId('MCTP')(`a second flow on one skb is refused, not leaked${without('MCTP')}`, () => {
    const s = mustAlloc();
    expect(s.mctpSetFlow()).toBe(true);
    expect(() => s.mctpSetFlow()).toThrow(SkbBusyError);
    const c = s.clone()!;
    expect(() => c.mctpSetFlow()).toThrow(SkbBusyError);
    expect(s.mctpKeyRefs()).toBe(1);
    c.free();
    s.free();
    expect(stats().live).toBe(0);
  });

  withId('MCTP')(`every fragment carries the flow${without('MCTP')}`, () => {
    const s = mustAlloc();
    s.mctpSetFlow();
    const pkts = s.mctpFragment(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 8)!;
    expect(pkts.map((p) => p.info().len)).toEqual([8, 8, 6]);
    for (const p of pkts) expect(p.activeExtensions).toEqual(['MCTP']);
    expect(pkts[0].mctpKeyRefs()).toBe(1);
    expect(pkts[0].extRefcnt).toBe(3);
    pkts.forEach((p) => p.free());
    expect(stats().live).toBe(0);
  });

  withId('MCTP')(`fragmenting fails cleanly at each allocation${without('MCTP')}`, () => {
    for (let n = 1; n <= 4; n++) {
      const s = mustAlloc();
      s.mctpSetFlow();
      faults.failNth(n);
      expect(s.mctpFragment(new Uint8Array(8), 8)).toBeNull();
      faults.failNth(0);
      expect(stats().live).toBe(0);
    }
  });

  withId('MCTP')(`fragmenting refuses a bad MTU or a busy skb, leaving it alive${without('MCTP')}`, () => {
    const s = mustAlloc();
    expect(() => s.mctpFragment(new Uint8Array(8), 4)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    const c = s.clone()!;
    expect(() => s.mctpFragment(new Uint8Array(8), 8)).toThrow(SkbBusyError);
    c.free();
    s.free();
  });
});

/* The tape ops agree with the model, and say what the kernel does. */
/* ops separated by ';', as on one line of a report */
function parseTape(text: string): ReturnType<typeof parseTapeText> {
  return parseTapeText(text.split(';').join('\n'));
}

function traceOf(text: string, cfg = buildModelConfig()): string {
  const bytes = encodeTape(parseTape(text));
  const got = runTape(bytes).trace;
  expect(got).toBe(predictTrace(decodeTape(bytes), cfg));
  return got;
}

function answer(trace: string, n: number): string {
  const line = trace.split('\n').find((l) => l.startsWith(`#${n} `))!;
  return line.slice(line.indexOf(' = ') + 3);
}

describe('tape ops', () => {
  test('coalesce: differ, kept, ok', () => {
    const t = traceOf(
      'alloc s0 64; alloc s1 64; mptcp_map s0 1; mptcp_map s1 2; coalesce s0 s1; ' +
        'mptcp_map s1 1; clone s2 s0; coalesce s0 s1; free s2; coalesce s0 s1',
    );
    expect(answer(t, 4)).toBe('differ');
    expect(answer(t, 7)).toBe('kept');
    expect(answer(t, 9)).toBe('ok');
  });

  test('collapse moves the block with the mapping and keeps a different one apart', () => {
    const t = traceOf('alloc s0 64; alloc s1 64; mptcp_map s0 1; mptcp_map s1 2; collapse s2 s0 s1');
    expect(answer(t, 4)).toBe('differ');
    expect(t).toMatch(
      /s1 u1 c0 f- ext\[MPTCP\] blkA\/1 o\d+ c\d+ dsn2 s2 u1 c0 f- ext\[MPTCP\] blkB\/1 o\d+ c\d+ dsn1/,
    );
  });

  test('kfree_skb_partial, napi_gro_end and morph', () => {
    const t = traceOf(
      'alloc s0 64; nf_bridge_alloc s0; clone s1 s0; kfree_skb_partial s0 1; free s1; ' +
        'kfree_skb_partial s0 1; alloc s2 64; nf_bridge_alloc s2; napi_gro_end s2 0; ' +
        'alloc s3 64; morph s3 s2; napi_gro_end s3 1',
    );
    expect(answer(t, 3)).toBe('refused');
    expect(answer(t, 5)).toBe('ok');
    expect(answer(t, 8)).toBe('ok');
    expect(answer(t, 11)).toBe('refused');
  });

  test('the static functions answer unsupported under noUnexported, as the kernel module does', () => {
    const bytes = encodeTape(parseTape('alloc s0 64; napi_gro_end s0 0; mctp_flow s0; mctp_frag s1 s0'));
    const got = runTape(bytes, { noUnexported: true }).trace;
    expect(got).toBe(predictTrace(decodeTape(bytes), { ...buildModelConfig(), noUnexported: true }));
    expect(answer(got, 1)).toBe('unsupported');
    expect(answer(got, 3)).toBe('unsupported');
  });

  withId('TC')(`tc_ext zeroes the zone a reused room held${without('TC')}`, () => {
    const t = traceOf('alloc s0 64; nf_bridge_alloc s0; tc_ext s0 1 5; ext_del s0 TC; tc_ext s0 2 0');
    expect(t).toContain('tc1/5');
    expect(t).toContain('tc2/0');
  });

  withId('MCTP')(`mctp_frag hands the flow to every packet${without('MCTP')}`, () => {
    const t = traceOf('alloc s0 64; mctp_flow s0; mctp_frag s1 s0');
    expect(t).toMatch(/s1 u1 c0 f- ext\[MCTP\] blkA\/1 o\d+ c\d+ flowk1\/1/);
    expect(t).not.toContain('leaked');
  });

  withId('MCTP')(`a copy on write holds the flow's key again${without('MCTP')}`, () => {
    const t = traceOf('alloc s0 64; mctp_flow s0; clone s1 s0; nf_bridge_alloc s1; free s0');
    expect(t).toContain('flowk1/2');
    expect(t).not.toMatch(/k1 (leaked|overput)/);
  });

  test('every allocation of the new ops can fail, and model and executor agree each time', () => {
    const text =
      'alloc s0 64; alloc s1 64; mptcp_map s0 1; collapse s2 s0 s1; tc_ext s2 1 1; mctp_flow s2; ' +
      'alloc s3 64; mctp_flow s3; mctp_frag s4 s3';
    const ops = parseTape(text);
    for (let n = 1; n <= 16; n++) {
      const bytes = encodeTape([{ op: 'fail_nth', args: [n] }, ...ops]);
      expect(runTape(bytes).trace).toBe(predictTrace(decodeTape(bytes)));
    }
    expect(stats().live).toBe(0);
  });
});
