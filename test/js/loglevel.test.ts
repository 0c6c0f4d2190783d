// SPDX-License-Identifier: GPL-2.0-only
/**
 * debug.consoleLoglevel(): `dmesg -n` for the port's printk. A WARN_ON()'s
 * report reaches stderr at the default level 7 and not at level 1, the
 * WARN is counted either way, and bad levels are typed errors. Each run is
 * a child process, whose stderr is what is judged.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { debug } from '../../lib';
import { packageRoot } from '../../lib/addon';

const lib = path.join(packageRoot(), 'dist', 'lib', 'index.js');

/* Put the last reference of a state never deleted: one WARN_ON(). */
function warnOnce(level?: number): { stderr: string; warned: number; before: number } {
  const script = `
    const L = require(${JSON.stringify(lib)});
    const before = ${level === undefined ? 'L.debug.consoleLoglevel()' : `L.debug.consoleLoglevel(${level})`};
    const w = L.stats().warnings;
    L.XfrmState.alloc({ spi: 1, daddr: '192.0.2.2', dir: 'in' }).put();
    console.log(JSON.stringify({ warned: L.stats().warnings - w, before }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return { stderr: r.stderr, ...(JSON.parse(r.stdout) as { warned: number; before: number }) };
}

describe('debug.consoleLoglevel', () => {
  test('at the default level 7 a WARN reaches stderr', () => {
    const r = warnOnce();
    expect(r.before).toBe(7);
    expect(r.warned).toBe(1);
    expect(r.stderr).toMatch(/WARN/);
  });

  test('at level 1 it is counted but not printed', () => {
    const r = warnOnce(1);
    expect(r.warned).toBe(1);
    expect(r.stderr).toBe('');
  });

  test('set returns the level before; 1..8 only', () => {
    const old = debug.consoleLoglevel(3);
    try {
      expect(debug.consoleLoglevel()).toBe(3);
      expect(debug.consoleLoglevel(8)).toBe(3);
      for (const bad of [0, 9, 1.5, NaN, -1])
        expect(() => debug.consoleLoglevel(bad)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
      expect(() => debug.consoleLoglevel('1' as unknown as number)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
      );
      expect(debug.consoleLoglevel()).toBe(8);
    } finally {
      debug.consoleLoglevel(old);
    }
  });
});
