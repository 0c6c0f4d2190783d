// SPDX-License-Identifier: GPL-2.0-only
/**
 * docs/api.md covers the whole public surface: every name lib/index.ts
 * exports (values and types, `export *` included, as the TypeScript
 * compiler resolves them) is used in one of its code examples.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { packageRoot } from '../../lib/addon';

const root = packageRoot();

/** The names a module exports, as `import { ... } from 'skbext'` sees them. */
function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker
    .getExportsOfModule(module)
    .map((s) => s.name)
    .sort();
}

/** The text of docs/api.md's ```js and ```ts blocks. */
function codeBlocks(md: string): string {
  return [...md.matchAll(/^```(?:js|ts)\n([\s\S]*?)^```/gm)].map((m) => m[1]).join('\n');
}

const usedIn = (code: string, name: string) => new RegExp(`(^|[^\\w$])${name}(?![\\w$])`).test(code);

let names: string[];
let code: string;

beforeAll(() => {
  names = exportedNames(path.join(root, 'lib', 'index.ts'));
  code = codeBlocks(fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8'));
}, 60000);

test('lib/index.ts exports what the package is known to export', () => {
  // a sanity floor, so that a parse that finds nothing cannot pass the next test
  expect(names.length).toBeGreaterThan(100);
  for (const n of ['Skb', 'XfrmState', 'SkbextError', 'TapeModel', 'KNOB', 'NativeMptcp', 'RunTapeOptions'])
    expect(names).toContain(n);
  expect(names).not.toContain('native');
});

test('every export of lib/index.ts is in an example of docs/api.md', () => {
  const missing = names.filter((n) => !usedIn(code, n));
  expect(missing).toEqual([]);
});

test('a name only in prose does not count', () => {
  expect(usedIn('Skb.alloc(64)', 'Skb')).toBe(true);
  expect(usedIn('SkbInfo', 'Skb')).toBe(false);
  expect(codeBlocks('`Skb` in prose\n\n```js\nx\n```\n')).toBe('x\n');
});
