// SPDX-License-Identifier: GPL-2.0-only
/** The README's example, copied as it is, prints what the README says. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';

test('the README example runs as written and prints the lines shown under it', () => {
  const root = packageRoot();
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = /## An example[\s\S]*?```js\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  expect(m).not.toBeNull();
  // inside the package folder, so that require('skbext') is the package itself
  const file = path.join(root, 'build-c', 'readme-example.js');
  fs.writeFileSync(file, m![1]);
  const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
  expect(out).toBe(m![2]);
});
