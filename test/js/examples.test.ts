// SPDX-License-Identifier: GPL-2.0-only
/**
 * examples/ runs as a user runs it (`node examples/NAME.js`, require('skbext')
 * resolving to this package), and prints what the library holds.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';
import { config } from '../../lib';

const root = packageRoot();
let dir: string;

function example(name: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'examples', name), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-examples-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every script in examples/ is tested here', () => {
  const tested = ['ipsec-two-drivers.js', 'fuzz-and-replay.js', 'layout-diff.js', 'mptcp-pcap.js'];
  expect(
    fs
      .readdirSync(path.join(root, 'examples'))
      .filter((f) => f.endsWith('.js'))
      .sort(),
  ).toEqual(tested.sort());
});

test('ipsec-two-drivers: mlx5 Rx offload, a bridged clone, netdevsim Tx; every reference back', () => {
  const out = example('ipsec-two-drivers.js');
  expect(out).toContain('addState: mlx5 0, netdevsim 0\n');
  expect(out).toContain('rx: offloaded; sec_path len 1, olen 1\n');
  expect(out).toContain('xvec[0] is xin: true, status CRYPTO_SUCCESS: true, flags CRYPTO_DONE: true\n');
  expect(out).toContain('xin refcnt 2 ');
  expect(out).toContain('bridge: BRIDGE_NF, SEC_PATH; the clone shares the block: true, refcount 2\n');
  expect(out).toContain('tx prepare: shares the block now: false; xout refcnt 2\n');
  expect(out).toContain('offload ok: true\n');
  expect(out).toMatch(/^tx: sent \(ret 0\); netdevsim counters \{.*"tx":1,/m);
  expect(out).toContain('after free: xin refcnt 1, xout refcnt 1\n');
  expect(out).toMatch(/live objects left: 0\n$/);
});

test('fuzz-and-replay: a seeded fuzz keeps a corpus, a corpus tape and a hand-written one replay', () => {
  const session = path.join(dir, 'session');
  const out = example('fuzz-and-replay.js', session);
  expect(out).toMatch(/^fuzz: seed 42, 300 tapes, 0 divergences, (\d+) tapes kept in corpus\/\n/);
  const kept = Number(/(\d+) tapes kept/.exec(out)![1]);
  expect(fs.readdirSync(path.join(session, 'corpus'))).toHaveLength(kept);
  expect(out).toMatch(/^replay corpus\/[0-9a-f]{12}\.\.\.: \d+ ops; executor and model agree: true\n/m);
  expect(out).toContain('finding.tape: 6 ops, 16 bytes binary\n');
  expect(out).toContain('    #2 clone s1 s0 = ok\n');
  expect(out).toMatch(/blkA\/2 o\d+ c\d+ s1 u1 c1 f- ext\[BRIDGE_NF\] blkA\/2/);
  expect(out).toMatch(/ext\[BRIDGE_NF,MPTCP\] blkB\/1 o\d+,\d+ c\d+/);
  expect(out).toMatch(/end ops=6 skipped=0\n$/);
  // the same seed, the same corpus: a second session keeps the same files
  const again = path.join(dir, 'again');
  example('fuzz-and-replay.js', again);
  expect(fs.readdirSync(path.join(again, 'corpus')).sort()).toEqual(
    fs.readdirSync(path.join(session, 'corpus')).sort(),
  );
});

test("layout-diff: sk_buff, skb_shared_info and sec_path as Debian's 6.1; skb_ext's header is this build's", () => {
  const out = example('layout-diff.js');
  expect(out).toContain('struct sk_buff: 13 equal\n');
  expect(out).toContain('struct skb_shared_info: 1 equal\n');
  expect(out).toContain('struct sec_path: 1 equal\n');
  // the default build is Debian's config: skb_ext's header as the kernel's
  if (config().name === 'debian') {
    expect(out).toContain('struct skb_ext: 4 equal\n');
    expect(out).toContain('19 equal, 0 different\n');
    expect(out).toContain("(this addon is the debian config: BRIDGE_NF, SEC_PATH, MPTCP; skb_ext's header 8 bytes");
  } else {
    expect(out).toContain('struct skb_ext: 3 of 4 differ\n  sizeof: kernel 8, port 16\n');
  }
  // given the port's own lines, nothing differs
  const lines = path.join(dir, 'port-layout.txt');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { native } = require(path.join(root, 'dist', 'lib', 'addon'));
  fs.writeFileSync(lines, (native().layout() as string[]).join('\n'));
  expect(example('layout-diff.js', lines)).toMatch(/^\d+ equal, 0 different\n$/m);
});

describe('mptcp-pcap', () => {
  let file: string;
  let out: string;
  beforeAll(() => {
    file = path.join(dir, 'mptcp.pcap');
    out = example('mptcp-pcap.js', file);
  });

  test('three mapped segments, each parsed back with its checksum good, in a pcap', () => {
    expect(out).toContain(
      'segment 1: 7 bytes, DSS 20 option bytes; parsed back: map true, dsn 0x100000000, ssn 1, len 7, checksum good\n',
    );
    expect(out).toContain(
      'segment 2: 10 bytes, DSS 20 option bytes; parsed back: map true, dsn 0x100000007, ssn 8, len 10, checksum good\n',
    );
    expect(out).toContain(
      'segment 3: 5 bytes, DSS 20 option bytes; parsed back: map true, dsn 0x100000011, ssn 18, len 5, checksum good\n',
    );
    expect(out).toMatch(/mptcp\.pcap: 3 segments, \d+ bytes, pcap magic d4c3b2a1\n$/);
    expect(fs.readFileSync(file).readUInt32LE(20)).toBe(101); // LINKTYPE_RAW
  });

  const tshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  (tshark.status === 0 ? test : test.skip)('tshark reads the mappings back', () => {
    const r = spawnSync(
      'tshark',
      [
        '-r',
        file,
        '-n',
        '-o',
        'mptcp.relative_sequence_numbers:FALSE',
        '-T',
        'fields',
        '-E',
        'separator=/t',
        '-e',
        'tcp.options.mptcp.rawdataseqno',
        '-e',
        'tcp.options.mptcp.subflowseqno',
        '-e',
        'tcp.options.mptcp.datalvllen',
        '-e',
        'tcp.payload',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      ['4294967296', '1', '7', Buffer.from('hello, ').toString('hex')].join('\t'),
      ['4294967303', '8', '10', Buffer.from('multipath ').toString('hex')].join('\t'),
      ['4294967313', '18', '5', Buffer.from('world').toString('hex')].join('\t'),
    ]);
  });
  if (tshark.status !== 0)
    test('(reading the capture back needs tshark)', () =>
      console.log('examples.test.ts: tshark not found, the read-back is SKIPPED'));
});
