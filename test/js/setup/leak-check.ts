// SPDX-License-Identifier: GPL-2.0-only
/**
 * After every test file: collect garbage (so finalizers of dropped objects
 * run), then require zero live objects in every slab cache and no slab
 * debug error, and report to the folder globalTeardown reads.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { debug, stats } from '../../../lib';
import { addonPath } from '../../../lib/addon';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Collect garbage until finalizers have had their turn. */
export async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}
(globalThis as { skbextCollectGarbage?: () => Promise<void> }).skbextCollectGarbage = collectGarbage;

const haveAddon = addonPath() !== undefined;

beforeAll(() => {
  if (haveAddon) debug.slab(true);
});

afterAll(async () => {
  if (!haveAddon) return;
  await collectGarbage();
  const s = stats();
  const detail = s.caches
    .filter((c) => c.active)
    .map((c) => `${c.name} ${c.active}`)
    .join(', ');
  const file = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown');
  const dir = process.env.SKBEXT_JEST_REPORTS;
  if (dir) {
    fs.writeFileSync(
      path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`),
      JSON.stringify({ file, live: s.live, debugErrors: s.debugErrors, detail }),
    );
  }
  if (s.live !== 0 || s.debugErrors !== 0) {
    throw new Error(`slab check: ${s.live} live objects (${detail}), ${s.debugErrors} slab debug errors after ${file}`);
  }
});
