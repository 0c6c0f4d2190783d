// SPDX-License-Identifier: GPL-2.0-only
/** The command line as a user runs it: `node tools/cli.js ...`, one process each. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';

const root = packageRoot();
const cli = path.join(root, 'tools', 'cli.js');
const seed = path.join(root, 'tools', 'fuzz', 'seeds', 'clone_shares_block.hex');
let dir: string;

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, input, maxBuffer: 1 << 24 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), raw: r.stdout };
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('help and version', () => {
  test.each([[['--help']], [['help', 'fuzz']], [['fuzz', '--help']], [['demo', '-h']], [['help']]])(
    '%j prints the usage to stdout, runs nothing, exits 0',
    (args) => {
      const r = run(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^usage: skbext /);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(/model-checked|^\d+\. |^end ops=/m);
    },
  );

  test('--version prints package.json version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });
});

describe('misuse exits 2 with one line and the usage on stderr', () => {
  test.each([
    [['nope'], /^skbext: unknown command 'nope'\nusage:/],
    [['layout', '--jsn'], /^skbext layout: unknown option '--jsn'\nusage: skbext layout/],
    [['fuzz', '--secs', '1'], /^skbext fuzz: unknown option '--secs'\n/],
    [['fuzz', '--out'], /^skbext fuzz: option '--out' needs a value\nusage: skbext fuzz/],
    [['fuzz', '--seconds', 'x'], /^skbext fuzz: --seconds takes a whole number/],
    [['replay'], /^skbext replay: missing FILE\n/],
    [['replay', 'a', '--format', 'elf'], /^skbext replay: --format takes binary, hex, text/],
    [['tape', 'squash', 'a'], /^skbext tape: unknown subcommand 'squash'/],
    [[], /^skbext: no command given\nusage:/],
  ])('%j', (args, msg) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    noStack(r.stderr);
  });
});

describe('errors are one line, exit 1', () => {
  test('a file that is not there', () => {
    const r = run(['replay', 'missing.tape']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^skbext: ENOENT: no such file or directory, open 'missing.tape'\n$/);
  });

  test('a syntax error gives the tape line, and --debug the stack', () => {
    fs.writeFileSync(path.join(dir, 'bad.tape'), 'alloc s0 64\nclon s1 s0\n');
    const r = run(['replay', 'bad.tape']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("skbext: tape line 2: unknown op 'clon'\n");
    const d = run(['replay', 'bad.tape', '--debug']);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/TapeSyntaxError: tape line 2: unknown op 'clon'\n\s+at /);
  });
});

test('EPIPE on stdout ends quietly', () => {
  // pipefail: the status is the CLI's, not head's
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" demo | head -3`], {
    encoding: 'utf8',
  });
  expect(r.stdout.split('\n')).toHaveLength(4);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

describe('replay reads the form from the content', () => {
  const text = 'alloc s0 64\next_add s0 BRIDGE_NF\nclone s1 s0\nfree s0\nfree s1\n';
  let want: string;

  beforeAll(() => {
    const r = run(['replay', seed]);
    expect(r.status).toBe(0);
    want = r.stdout;
    expect(want).toMatch(/clone/);
  });

  test('a text tape named .tape', () => {
    fs.writeFileSync(path.join(dir, 'finding.tape'), text);
    const r = run(['replay', 'finding.tape']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(want);
  });

  test('a binary tape named .txt, and hex named .bin', () => {
    fs.writeFileSync(path.join(dir, 'b.txt'), run(['tape', 'encode', seed]).raw);
    fs.copyFileSync(seed, path.join(dir, 'h.bin'));
    expect(run(['replay', 'b.txt']).stdout).toBe(want);
    expect(run(['replay', 'h.bin']).stdout).toBe(want);
  });

  test('stdin, and --format forcing one', () => {
    expect(run(['replay', '-'], text).stdout).toBe(want);
    expect(run(['replay', '-', '--format', 'hex'], fs.readFileSync(seed)).stdout).toBe(want);
    const forced = run(['replay', '-', '--format', 'hex'], text);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toMatch(/^skbext: stdin: not a hex tape/);
  });

  test('--json', () => {
    const r = run(['replay', '-', '--json'], text);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ file: '-', format: 'text', ops: 5, skipped: 0, truncated: false, status: 0 });
    expect(j.results).toHaveLength(5);
    expect(j.results[2]).toEqual({ n: 2, op: 'clone s1 s0', result: 'ok' });
    expect(j.trace).toContain('end ops=5 skipped=0');
    expect(j.errors).toEqual([]);
  });
});

describe('tape encode|decode', () => {
  test('text -> binary -> text is exact', () => {
    const text = run(['tape', 'decode', seed]).stdout;
    expect(text).toBe('alloc s0 64\next_add s0 BRIDGE_NF\nclone s1 s0\nfree s0\nfree s1\n');
    const bin = run(['tape', 'encode', '-'], text);
    expect(bin.status).toBe(0);
    expect(run(['tape', 'decode', '-'], bin.raw).stdout).toBe(text);
  });

  test('hex -> binary -> hex -> binary is exact', () => {
    const bin = run(['tape', 'encode', seed]).raw;
    expect(bin).toEqual(Buffer.from('00001009000002010005000501', 'hex'));
    const hex = run(['tape', 'decode', '--to', 'hex', '-'], bin).stdout;
    expect(hex).toMatch(/^00 00 10 +# alloc s0 64\n/);
    expect(run(['tape', 'encode', '-', '-o', 'out.bin'], hex).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.bin'))).toEqual(bin);
  });

  test('bytes the executor skips are kept by hex and named when decoding to text', () => {
    const odd = Buffer.from('ff00001005', 'hex');
    const hex = run(['tape', 'decode', '--to', 'hex', '-'], odd).stdout;
    expect(run(['tape', 'encode', '-'], hex).raw).toEqual(odd);
    const t = run(['tape', 'decode', '-'], odd);
    expect(t.stdout).toBe('alloc s0 64\n');
    expect(t.stderr).toMatch(/warning: .*1 skipped bytes and a truncated last op/);
  });
});
