// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference model against the C executor: for hand-written and for
 * generated tapes, the trace the model predicts must be the trace
 * build-c/tape_run prints, line for line, and the run must leave nothing
 * behind (tape_run exits 1 on a live object, a WARN or a poison error).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import {
  buildModelConfig,
  config,
  TAPE_OPS,
  TapeSyntaxError,
  countAllocations,
  decodeTape,
  encodeTape,
  parseTapeText,
  predictTrace,
  tapeToText,
} from '../../lib';
import { rfcDssChecksum } from './fixtures/rfc8684';

const top = path.resolve(__dirname, '..', '..');
// the tape runner of the addon's config (the full config's jest stage names its own)
/* the extension block's header in chunks: 1 in the default config, 2 in full */
const H = config().headerChunks;
const tapeRun = process.env.SKBEXT_TAPE_RUN ?? path.join(top, 'build-c', 'tape_run');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-tape-'));

function runC(bytes: Uint8Array): { trace: string; status: number | null; stderr: string } {
  const f = path.join(tmp, 'tape');
  fs.writeFileSync(f, bytes);
  const r = spawnSync(tapeRun, [f], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { trace: r.stdout, status: r.status, stderr: r.stderr };
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, k) => l !== y[k]);
  return `line ${i + 1}\n  model: ${x[i - 1]}\n         ${x[i]}\n  C:     ${y[i - 1]}\n         ${y[i]}`;
}

function expectAgree(bytes: Uint8Array): void {
  const c = runC(bytes);
  const model = predictTrace(decodeTape(bytes));
  if (model !== c.trace) throw new Error(`model and executor differ at ${firstDifference(model, c.trace)}`);
  if (c.status !== 0) throw new Error(`tape_run reported: ${c.stderr}`);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS tool, typed here
const { genTape, readHexTape } = require('../../tools/tape-gen') as {
  genTape: (seed: number, n?: number, o?: { kernel: boolean }) => Uint8Array;
  readHexTape: (file: string) => Uint8Array;
};

function seedHex(name: string): Uint8Array {
  return readHexTape(path.join(top, 'tools', 'fuzz', 'seeds', name));
}

describe('the op tape', () => {
  test.each(fs.readdirSync(path.join(top, 'tools', 'fuzz', 'seeds')))('seed %s: model and executor agree', (name) => {
    expectAgree(seedHex(name));
  });

  test('a shared block is copied on write and the copy holds the states', () => {
    const ops = parseTapeText(`
      xfrm_alloc x0
      alloc s0 64
      secpath_push s0 x0
      clone s1 s0
      nf_bridge_alloc s1   # COW: the copy takes its own reference on x1
    `);
    const trace = runC(encodeTape(ops)).trace.split('\n');
    expect(trace[7]).toBe(
      `  | s0 u1 c1 f- ext[SEC_PATH] blkA/2 o${H} c${H + 11} sp1/0[x1] s1 u1 c1 f- ext[SEC_PATH] blkA/2 o${H} c${H + 11} sp1/0[x1] | x1 r2`,
    );
    expect(trace[9]).toBe(
      `  | s0 u1 c1 f- ext[SEC_PATH] blkA/1 o${H} c${H + 11} sp1/0[x1] ` +
        `s1 u1 c1 f- ext[BRIDGE_NF,SEC_PATH] blkB/1 o${H + 11},${H} c${H + 15} sp1/0[x1] | x1 r3`,
    );
  });

  test('a seventh state resets the secpath and drops the packet, as xfrm_input() does', () => {
    const ops = parseTapeText(
      ['xfrm_alloc x0', 'alloc s0 16', 'get s0', ...Array(7).fill('secpath_push s0 x0')].join('\n'),
    );
    const trace = runC(encodeTape(ops)).trace.split('\n');
    expect(trace[18]).toBe('#9 secpath_push s0 x0 = full');
    // secpath_reset() put all six references back; kfree_skb() took one user
    expect(trace[17]).toContain('s0 u2');
    expect(trace[19]).toBe('  | s0 u1 c0 f- ext[] | x1 r1');
    expectAgree(encodeTape(ops));
  });

  test('a full secpath on a shared block is copied before it is reset', () => {
    const ops = parseTapeText(
      [
        'xfrm_alloc x0',
        'alloc s0 16',
        ...Array(6).fill('secpath_push s0 x0'),
        'clone s1 s0',
        'secpath_push s1 x0',
      ].join('\n'),
    );
    const trace = runC(encodeTape(ops)).trace;
    expect(trace).toContain(
      `#9 secpath_push s1 x0 = full\n  | s0 u1 c0 f- ext[SEC_PATH] blkA/1 o${H} c${H + 11} sp6/0[x1,x1,x1,x1,x1,x1] | x1 r7\n`,
    );
    expectAgree(encodeTape(ops));
  });

  test('fail_nth makes the next allocation fail and the skb stays as it was', () => {
    const trace = runC(
      encodeTape(parseTapeText('alloc s0 16\nfail_nth 1\nalloc s1 16\nfail_nth 2\nalloc s2 16')),
    ).trace;
    expect(trace).toContain('#2 alloc s1 16 = null');
    expect(trace).toContain('#4 alloc s2 16 = null');
  });

  test("ixgbe keeps 6.1's reference leak when secpath_set() fails on Rx", () => {
    const ops = parseTapeText('xfrm_alloc x0\ndrv_add ixgbe x0 in\nfail_nth 3\ndrv_rx ixgbe s0 x0\ndrv_rx ixgbe s1 x0');
    const trace = runC(encodeTape(ops)).trace;
    expect(trace).toContain('#3 drv_rx ixgbe s0 x0 = passed\n  | s0 u1 c0 f- ext[] | x1 r2\n');
    expect(trace).toContain(
      `#4 drv_rx ixgbe s1 x0 = offloaded\n  | s0 u1 c0 f- ext[] s1 u1 c0 f- ext[SEC_PATH] blkA/1 o${H} c${H + 11} sp1/1[x1] | x1 r3\n`,
    );
    expect(trace).toContain('x1 leaked 1\n');
    expectAgree(encodeTape(ops));
  });

  test('drv_tx of a state no device took forwards a frame with its Rx sec_path: only netdevsim checks it', () => {
    const answers = (text: string): string[] => {
      const bytes = encodeTape(parseTapeText(text));
      expectAgree(bytes);
      return [...runC(bytes).trace.matchAll(/^#\d+ drv_tx \S+ x\d = (\w+)$/gm)].map((m) => m[1]);
    };
    /* xfrm_offload() is NULL: the four drivers that test it send the frame as it is */
    expect(answers('xfrm_alloc x0\ndrv_tx ixgbe x0\ndrv_tx ixgbevf x0\ndrv_tx mlx5 x0\ndrv_tx chelsio x0')).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    /* netdevsim reads handle 0 as its entry 0: dropped until a drv_add fills it, again after */
    expect(
      answers(
        'xfrm_alloc x0\nxfrm_alloc x1\nxfrm_alloc x2\ndrv_tx netdevsim x0\ndrv_add netdevsim x1 in\n' +
          'drv_add netdevsim x2 out\ndrv_tx netdevsim x0\ndrv_del netdevsim x1\ndrv_tx netdevsim x0\n' +
          'drv_tx netdevsim x2',
      ),
    ).toEqual(['dropped', 'sent', 'dropped', 'sent']);
    /* a dead state, one offered to a device, or an Rx SA: refused as before */
    expect(
      answers(
        'xfrm_alloc x0\nxfrm_hold x0\nxfrm_delete x0\ndrv_tx ixgbe x0\nxfrm_alloc x1\n' +
          'drv_add mlx5 x1 in\ndrv_tx mlx5 x1\ndrv_tx ixgbe x1\ndrv_del mlx5 x1\ndrv_tx ixgbe x1',
      ),
    ).toEqual(['refused', 'refused', 'refused', 'refused']);
    /* the frame's two allocations, then secpath_set(): null each time, nothing held */
    expect(
      answers('xfrm_alloc x0\nfail_nth 1\ndrv_tx ixgbe x0\nfail_nth 2\ndrv_tx ixgbe x0\nfail_nth 3\ndrv_tx ixgbe x0'),
    ).toEqual(['null', 'null', 'null']);
  });

  test('driver ops answer unsupported without the driver layer, as in the kernel', () => {
    const bytes = encodeTape(
      parseTapeText('xfrm_alloc x0\ndrv_add mlx5 x0 in\ndrv_rx mlx5 s0 x0\ndrv_tx mlx5 x0\ndrv_del mlx5 x0'),
    );
    const f = path.join(tmp, 'nodrv');
    fs.writeFileSync(f, bytes);
    const r = spawnSync(tapeRun, ['--no-faults', '--no-drivers', f], { encoding: 'utf8' });
    expect(r.stdout).toBe(predictTrace(decodeTape(bytes), { ...buildModelConfig(), noFaults: true, noDrivers: true }));
    expect(r.stdout.match(/= unsupported/g)).toHaveLength(4);
  });

  test('text form round-trips through bytes', () => {
    const text =
      'alloc s0 64\next_add s0 SEC_PATH\nmptcp_map s0 305419896\nscrub s0 1\nxfrm_delete x3\n' +
      'drv_add ixgbevf x1 in\ndrv_rx netdevsim s2 x1\ndrv_tx chelsio x0\ndrv_del mlx5 x7\n' +
      'mptcp_dss s1 s0 31\ntcp_opts s2 pure 1e082001000000070101011e\ntcp_opts s3 data -\n';
    expect(tapeToText(decodeTape(encodeTape(parseTapeText(text))).ops)).toBe(text);
  });

  test('bad text answers a typed error naming the line', () => {
    expect(() => parseTapeText('alloc s9 64')).toThrow(TapeSyntaxError);
    expect(() => parseTapeText('tcp_opts s0 data 1e0820')).toThrow(TapeSyntaxError);
    expect(() => parseTapeText('tcp_opts s0 some 1e082001')).toThrow(TapeSyntaxError);
    try {
      parseTapeText('alloc s0 64\nfrobnicate s0');
    } catch (e) {
      expect((e as TapeSyntaxError).code).toBe('ERR_TAPE_SYNTAX');
      expect((e as TapeSyntaxError).line).toBe(2);
    }
  });

  test('garbage bytes are skipped, a cut op is reported, nothing leaks', () => {
    const bytes = Uint8Array.from([0xff, 0x99, 0x00, 0x00, 0x10, 0x09, 0x00]);
    const d = decodeTape(bytes);
    expect(d.skipped).toBe(2);
    expect(d.truncated).toBe(true);
    expectAgree(bytes);
  });

  describe('MPTCP on the wire', () => {
    const opts = (hex: string, pure = false): string => `tcp_opts s1 ${pure ? 'pure' : 'data'} ${hex}`;
    const answer = (text: string): string[] => {
      const bytes = encodeTape(parseTapeText(text));
      expectAgree(bytes);
      return runC(bytes)
        .trace.split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^.* = /, ''));
    };

    test('a mapping sent with every flag comes back whole, checksum included; the ACK is not kept', () => {
      const dsn = 0x89abcdef;
      const [, , rx] = answer(`alloc s0 64\nmptcp_map s0 ${dsn}\nmptcp_dss s1 s0 15`);
      // DATA_FIN rides on the mapping: data_len counts its byte, the payload is 1400 bytes
      const data = Uint8Array.from({ length: 1400 }, (_, i) => (dsn + i) & 0xff);
      const csum = rfcDssChecksum(BigInt(dsn), dsn & 0xffff, 1401, data)
        .toString(16)
        .padStart(4, '0');
      expect(rx).toBe(`rx dsn64=${dsn} ssn=${dsn & 0xffff} len=1401 fin csum=${csum}`);
    });

    test("the sender's state goes into a copy: the source mapping and its sharers keep theirs", () => {
      const trace = runC(
        encodeTape(
          parseTapeText(
            'xfrm_alloc x0\nalloc s0 64\nsecpath_push s0 x0\nmptcp_map s0 7\nclone s2 s0\nmptcp_dss s1 s0 9\nmptcp_dss s3 s0 0',
          ),
        ),
      ).trace;
      // the segment's copy of the shared block held x1 and let it go: x1 is back to 2
      expect(trace).toContain('#5 mptcp_dss s1 s0 9 = rx dsn64=7 ssn=7 len=1401 fin csum=');
      expect(trace).toContain(
        `  | s0 u1 c1 f- ext[SEC_PATH,MPTCP] blkA/2 o${H},${H + 11} c${H + 15} sp1/0[x1] dsn7 ` +
          `s1 u1 c0 f- ext[MPTCP] blkB/1 o${H} c${H + 4} dsn7 ` +
          `s2 u1 c1 f- ext[SEC_PATH,MPTCP] blkA/2 o${H},${H + 11} c${H + 15} sp1/0[x1] dsn7 | x1 r2\n`,
      );
      // s0's own mapping never took the DATA_FIN
      expect(trace).toContain('#6 mptcp_dss s3 s0 0 = rx dsn64=7 ssn=7 len=1400\n');
    });

    test('nothing to send, or only an ACK on a segment without payload, gives the receiver no extension', () => {
      expect(answer('alloc s0 16\next_add s0 MPTCP\nmptcp_dss s1 s0 0\nmptcp_dss s2 s0 2')).toEqual([
        'ok',
        'ok',
        'none',
        'none',
      ]);
      expect(answer('alloc s0 16\nmptcp_dss s1 s0 0\nmptcp_dss s0 s2 0')).toEqual(['ok', 'absent', 'empty']);
    });

    test('a received mapping longer than one segment is refused before anything is allocated', () => {
      expect(answer(`alloc s0 16\n${opts('1e102004000000010000000205dd0000')}\nmptcp_dss s2 s1 0`)).toEqual([
        'ok',
        'rx dsn32=1 ssn=2 len=1501 csum=0000',
        'refused',
      ]);
    });

    test('malformed DSS options are parsed as 6.1 parses them', () => {
      const cases: [string, string][] = [
        ['1e0820010000000701010101', 'rx'], // ack-only DSS: an empty extension
        ['1e0a200100000007aaaa0101', 'rx'], // ack-only two bytes long: passes, no checksum read
        ['1e0920010000000701010101', 'none'], // one byte too long
        ['1e0720010000000701010101', 'none'], // one byte short
        ['1e0e20040000000500000006000a0101', 'rx dsn32=5 ssn=6 len=10'],
        ['1e1020040000000500000006000a12340101', 'rx dsn32=5 ssn=6 len=10 csum=1234'],
        ['1e0e20140000000500000006000001010101', 'rx dsn32=5 ssn=6 len=0 fin'], // DATA_FIN, infinite mapping (not marked)
        ['1e12200500000009000000050000000600020101', 'rx dsn32=5 ssn=6 len=2'], // map and ACK: the ACK is not kept
        ['1e08201100000007', 'rx'], // DATA_FIN without a mapping means nothing
        ['1e0e2004000000050000000600021e0e200400000007000000060002', 'rx dsn32=5 ssn=6 len=2'], // the second DSS does not count
        ['1e0f2004000000050000000600020101011e0e200400000007000000060002', 'rx dsn32=7 ssn=6 len=2'], // a bad first one does not stop a good second
        ['000000001e08200100000007', 'none'], // EOL ends the walk
        ['01011e0c200100000007', 'none'], // runs past the header
        ['080a0102030405060708', 'none'], // a timestamp, no MPTCP
        ['1e08100100000007', 'none'], // subtype 1 (MP_JOIN) is not a DSS
        ['1e012001', 'none'], // a length under 2 stops the walk
        ['-', 'none'],
      ];
      for (const [hex, want] of cases) {
        const padded = hex === '-' ? hex : hex.padEnd(Math.ceil(hex.length / 8) * 8, '0');
        expect([hex, answer(opts(padded))[0]]).toEqual([hex, want]);
      }
      expect(answer(opts('1e0820010000000701010101', true))).toEqual(['none']);
    });

    test('a 64-bit DSN and a received checksum survive clone, COW and a second trip', () => {
      const got = answer(
        `${opts('1e1c201f0102030405060708a1a2a3a4a5a6a7a80000000305780000')}\nclone s2 s1\next_add s2 BRIDGE_NF\nmptcp_dss s3 s2 7\nmptcp_dss s4 s1 0`,
      );
      expect(got[0]).toBe('rx dsn64=11647051513882650536 ssn=3 len=1400 fin csum=0000');
      expect(got[3]).toMatch(/^rx dsn64=11647051513882650536 ssn=3 len=1400 fin csum=[0-9a-f]{4}$/);
      expect(got[4]).toBe('rx dsn64=11647051513882650536 ssn=3 len=1400 fin');
    });

    test('the receiver keeps the mapping alone: no ACK fields, whatever ACK the sender sent', () => {
      // no ACK, a 32-bit ACK, a 64-bit ACK: the same received mapping
      const got = answer('alloc s0 64\nmptcp_map s0 7\nmptcp_dss s1 s0 0\nmptcp_dss s2 s0 2\nmptcp_dss s3 s0 6');
      expect(got.slice(2)).toEqual([
        'rx dsn64=7 ssn=7 len=1400',
        'rx dsn64=7 ssn=7 len=1400',
        'rx dsn64=7 ssn=7 len=1400',
      ]);
      // the three received blocks are byte for byte the same: each is its own block, with dsn 7
      const trace = runC(
        encodeTape(parseTapeText('alloc s0 64\nmptcp_map s0 7\nmptcp_dss s1 s0 0\nmptcp_dss s2 s0 6')),
      ).trace;
      expect(trace).toContain(
        `s1 u1 c0 f- ext[MPTCP] blkB/1 o${H} c${H + 4} dsn7 s2 u1 c0 f- ext[MPTCP] blkC/1 o${H} c${H + 4} dsn7`,
      );
    });

    test('an ACK-only DSS on a segment with data leaves an empty extension; without data, none', () => {
      const trace = runC(encodeTape(parseTapeText(`${opts('1e0c2003010203040506070801010000')}`))).trace;
      expect(trace).toContain(
        `#0 tcp_opts s1 data 1e0c2003010203040506070801010000 = rx\n  | s1 u1 c0 f- ext[MPTCP] blkA/1 o${H} c${H + 4} dsn0 |`,
      );
      expect(answer(opts('1e0c2003010203040506070801010000'))).toEqual(['rx']);
      expect(answer(opts('1e0c2003010203040506070801010000', true))).toEqual(['none']);
    });

    test('a segment without payload gets no extension, even for a whole mapping with DATA_FIN', () => {
      // map64 + ack32, DATA_FIN, data_len 1: what a DATA_FIN on a pure ACK looks like
      const fin = '1e16201d000000070000000000000032000000000001';
      expect(answer(opts(fin.padEnd(48, '0'), true))).toEqual(['none']);
      expect(answer(opts(fin.padEnd(48, '0')))).toEqual(['rx dsn64=50 ssn=0 len=1 fin']);
    });

    test('without segments (the kernel build) both ops answer unsupported', () => {
      const bytes = encodeTape(
        parseTapeText(`alloc s0 16\nmptcp_map s0 1\nmptcp_dss s1 s0 1\n${opts('1e0820010000000701010101')}`),
      );
      const f = path.join(tmp, 'nowire');
      fs.writeFileSync(f, bytes);
      const r = spawnSync(tapeRun, ['--no-wire', f], { encoding: 'utf8' });
      expect(r.stdout).toBe(predictTrace(decodeTape(bytes), { ...buildModelConfig(), noWire: true }));
      expect(r.stdout.match(/= unsupported/g)).toHaveLength(2);
    });
  });

  // Systematic fault injection: every allocation a tape makes fails once
  // (fail_nth n put in front of the tape, n = 1 .. all of them); the
  // executor must answer as the model says and leave nothing behind.
  // (Tapes that arm fail_nth themselves are left out: they re-arm it.)
  const faultTapes: [string, Uint8Array][] = [
    ...fs
      .readdirSync(path.join(top, 'tools', 'fuzz', 'seeds'))
      .map((n): [string, Uint8Array] => [n, seedHex(n)])
      .filter(([, b]) => !decodeTape(b).ops.some((o) => o.op === 'fail_nth')),
    ...Array.from({ length: 20 }, (_, i): [string, Uint8Array] => [`generated ${i}`, genTape(1000 + i, 30)]),
    // with driver ops: the frames, the drivers' secpath_set() and SA adds fail too
    ...Array.from({ length: 40 }, (_, i): [string, Uint8Array] => [
      `generated with drivers ${i}`,
      genTape(2000 + i, 30, { kernel: false }),
    ])
      .filter(([, b]) => !decodeTape(b).ops.some((o) => o.op === 'fail_nth'))
      .slice(0, 10),
  ];
  test.each(faultTapes)('fault injection at every allocation of %s', (_name, bytes) => {
    const n = countAllocations(decodeTape(bytes));
    expect(n).toBeGreaterThan(0);
    for (let k = 1; k <= n; k++)
      expectAgree(Uint8Array.from([...encodeTape([{ op: 'fail_nth', args: [k] }]), ...bytes]));
  });

  // Ops weighted towards sharing, copy on write and secpaths, on few
  // slots, so short tapes reach the interesting states.
  const opArb = fc.oneof(
    ...TAPE_OPS.map((d) =>
      fc
        .tuple(
          ...d.args.map((k) => {
            if (k === 'u32') return fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 });
            if (k === 'skb' || k === 'x') return fc.integer({ min: 0, max: 3 }).map((v) => [v]);
            if (k === 'byte' && d.name !== 'mptcp_dss') return fc.integer({ min: 0, max: 4 }).map((v) => [v]);
            // tcp_opts: an MPTCP option with a DSS subtype, the rest of the 40 bytes anything
            if (k === 'opts') {
              return fc
                .tuple(
                  fc.integer({ min: 2, max: 40 }),
                  fc.integer({ min: 0, max: 0x1f }),
                  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 36, maxLength: 36 }),
                )
                .map(([len, flags, rest]) => [30, len, 0x20, flags, ...rest]);
            }
            return fc.integer({ min: 0, max: 255 }).map((v) => [v]);
          }),
        )
        .map((parts) => [d.code, ...parts.flat()]),
    ),
  );

  test('generated tapes: model and executor agree after every op', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 60, size: '+1' }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
        (ops, junk) => {
          expectAgree(Uint8Array.from([...ops.flat(), ...junk]));
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });
});
