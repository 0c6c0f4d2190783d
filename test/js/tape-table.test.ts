// SPDX-License-Identifier: GPL-2.0-only
/*
 * docs/tape.md against the executor's own tables (csrc/tape/tape.c, as
 * the addon's config() exports them): every op, operand kind, driver and
 * extension id has its row, every row its entry, and they agree.
 */
import * as fs from 'fs';
import * as path from 'path';
import { native } from '../../lib/addon';
import { tables } from '../../lib/tables';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'tape.md'), 'utf8');

/** The rows of the markdown table whose header row is `header`, as cells. */
function docTable(header: string[]): string[][] {
  const lines = doc.split('\n');
  const at = lines.findIndex((l) => l.trim() === `| ${header.join(' | ')} |`);
  if (at < 0) throw new Error(`docs/tape.md has no table headed | ${header.join(' | ')} |`);
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    rows.push(
      lines[i]
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '');
const quoted = (cell: string): string[] => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]);

/** What differs between the C table's rows and the doc's, as readable lines. */
function differences(c: Map<string, string>, d: Map<string, string>, what: string): string[] {
  const out: string[] = [];
  for (const [k, v] of c) {
    if (!d.has(k)) out.push(`${what} ${k}: in the C table, no row in docs/tape.md`);
    else if (d.get(k) !== v) out.push(`${what} ${k}: C says ${v}, docs/tape.md says ${d.get(k)}`);
  }
  for (const k of d.keys()) if (!c.has(k)) out.push(`${what} ${k}: a row in docs/tape.md, not in the C table`);
  return out;
}

describe("docs/tape.md and the executor's tables", () => {
  const t = tables();

  test('the op table: one row per op, with its opcode, operand kinds and kernel column', () => {
    const rows = docTable(['opcode', 'name', 'operands', 'kernel', 'kernel call']);
    const fromDoc = new Map<string, string>();
    for (const [code, name, operands, kernel] of rows) {
      const key = unquote(name);
      if (fromDoc.has(key)) throw new Error(`docs/tape.md: two rows for ${key}`);
      fromDoc.set(key, `${code} (${quoted(operands).join(', ')}) kernel ${kernel}`);
    }
    const fromC = new Map(
      t.ops.map((o) => [
        o.name,
        `0x${o.code.toString(16).padStart(2, '0')} (${o.args.join(', ')}) kernel ${o.kernel ? 'yes' : 'no'}`,
      ]),
    );
    expect(differences(fromC, fromDoc, 'op')).toEqual([]);
    // rows in opcode order, as the table is read
    expect(rows.map((r) => unquote(r[1]))).toEqual(t.ops.map((o) => o.name));
  });

  test('the operand kinds: one row each, with its size', () => {
    const fromDoc = new Map(docTable(['kind', 'bytes', 'read as', 'text form']).map(([k, n]) => [unquote(k), n]));
    const fromC = new Map(Object.entries(t.argBytes).map(([k, n]) => [k, String(n)]));
    expect(differences(fromC, fromDoc, 'operand kind')).toEqual([]);
  });

  test("the drivers: numbers, names and the kernel's driver names", () => {
    const fromDoc = new Map(
      docTable(['driver', 'name', 'kernel driver']).map(([n, name, k]) => [unquote(name), `${n} ${k}`]),
    );
    const fromC = new Map(t.drivers.map((name, i) => [name, `${i} ${native().driverName(i)}`]));
    expect(differences(fromC, fromDoc, 'driver')).toEqual([]);
  });

  test('the extension ids: numbers and names', () => {
    const fromDoc = new Map(docTable(['id', 'name']).map(([n, name]) => [unquote(name), n]));
    const fromC = new Map(t.exts.map((name, i) => [name, String(i)]));
    expect(differences(fromC, fromDoc, 'extension id')).toEqual([]);
  });

  test('a mismatched, missing or extra row is reported', () => {
    const c = new Map([
      ['alloc', '0x00 (skb, size) kernel yes'],
      ['free', '0x05 (skb) kernel yes'],
    ]);
    const d = new Map([
      ['alloc', '0x00 (skb) kernel yes'],
      ['nop', '0x1e () kernel yes'],
    ]);
    expect(differences(c, d, 'op')).toEqual([
      'op alloc: C says 0x00 (skb, size) kernel yes, docs/tape.md says 0x00 (skb) kernel yes',
      'op free: in the C table, no row in docs/tape.md',
      'op nop: a row in docs/tape.md, not in the C table',
    ]);
  });
});
