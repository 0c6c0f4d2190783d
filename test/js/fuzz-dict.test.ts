// SPDX-License-Identifier: GPL-2.0-only
/**
 * The libFuzzer dictionaries .clusterfuzzlite/build.sh ships come from
 * tools/fuzz/fuzz_dict.c, which prints them from the C tables. Built here
 * with the system's C compiler, its output must name every opcode of the
 * addon's tape table (and nothing else), and a DSS entry with RFC 8684's
 * length for every flag set (tools/fuzz/dict.js holds the checks, which
 * the cflite stage also runs on $OUT).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dict = require('../../tools/fuzz/dict') as {
  checkTapeDict(t: string): string[];
  checkMptcpDict(t: string): string[];
};

const top = path.join(__dirname, '..', '..');
const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
let out: { tape: string; mptcp: string } | undefined;

beforeAll(() => {
  if (!cc) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-dict-'));
  const srcs = spawnSync(process.execPath, [path.join(top, 'tools', 'gyp-sources.js'), '--except', 'napi'], {
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter(Boolean)
    .map((f) => path.join(top, f));
  const bin = path.join(dir, 'fuzz_dict');
  const b = spawnSync(
    cc,
    [
      '-std=gnu11',
      '-O0',
      '-w',
      `-I${path.join(top, 'csrc', 'configs', 'debian')}`,
      `-I${path.join(top, 'csrc', 'include')}`,
      ...srcs,
      path.join(top, 'tools', 'fuzz', 'fuzz_dict.c'),
      '-o',
      bin,
    ],
    { encoding: 'utf8' },
  );
  if (b.status !== 0) throw new Error(`fuzz_dict did not build: ${b.stderr}`);
  const run = (k: string) => spawnSync(bin, [k], { encoding: 'utf8' }).stdout;
  out = { tape: run('tape'), mptcp: run('mptcp') };
  fs.rmSync(dir, { recursive: true });
}, 120000);

const withCc = cc ? test : test.skip;

withCc('the tape dictionary names every opcode of the table, by its name', () => {
  expect(dict.checkTapeDict(out!.tape)).toEqual([]);
  expect(out!.tape).toContain('op_clone="\\x02"');
  expect(out!.tape).toContain('op_ext_add_s0_SEC_PATH="\\x09\\x00\\x01"');
  expect(out!.tape).toContain('op_drv_rx_mlx5="\\x1a\\x02"');
});

withCc('the MPTCP dictionary has the option kinds and every DSS flag set with its length', () => {
  expect(dict.checkMptcpDict(out!.mptcp)).toEqual([]);
  expect(out!.mptcp).toContain('kind_mptcp="\\x1e"');
  expect(out!.mptcp).toContain('dss_1f_csum="\\x1e\\x1c\\x20\\x1f"'); // 4 + 8 + 14 + 2
});

withCc('a dictionary that lost or renamed an opcode fails the check', () => {
  const lost = out!.tape.replace(/^op_clone=.*\n/m, '');
  expect(dict.checkTapeDict(lost)).toContain('tape dict: op_clone is not "\\x2"');
  const renamed = out!.tape.replace('op_copy="', 'op_kopy="');
  expect(dict.checkTapeDict(renamed).length).toBeGreaterThan(0);
  expect(dict.checkMptcpDict(out!.mptcp.replace('dss_05="\\x1e\\x12', 'dss_05="\\x1e\\x10')).length).toBe(1);
});
