// SPDX-License-Identifier: GPL-2.0-only
/**
 * The CRYPTO_* constants lib/ exports are literal types (a wrong value does
 * not compile: `npm run lint`'s tsc checks this file) and equal the
 * #defines of csrc/include/net/xfrm.h, the C code's one place for them.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as skbext from '../../lib';
import {
  CRYPTO_SUCCESS,
  CRYPTO_GENERIC_ERROR,
  CRYPTO_TRANSPORT_AH_AUTH_FAILED,
  CRYPTO_TRANSPORT_ESP_AUTH_FAILED,
  CRYPTO_TUNNEL_AH_AUTH_FAILED,
  CRYPTO_TUNNEL_ESP_AUTH_FAILED,
  CRYPTO_INVALID_PACKET_SYNTAX,
  CRYPTO_INVALID_PROTOCOL,
  CRYPTO_DONE,
  CRYPTO_NEXT_DONE,
  CRYPTO_FALLBACK,
} from '../../lib';
import { packageRoot } from '../../lib/addon';

// each assignment compiles only if the export's type is that literal
const literal: [1, 2, 4, 8, 16, 32, 64, 128, 2, 4, 8] = [
  CRYPTO_SUCCESS,
  CRYPTO_GENERIC_ERROR,
  CRYPTO_TRANSPORT_AH_AUTH_FAILED,
  CRYPTO_TRANSPORT_ESP_AUTH_FAILED,
  CRYPTO_TUNNEL_AH_AUTH_FAILED,
  CRYPTO_TUNNEL_ESP_AUTH_FAILED,
  CRYPTO_INVALID_PACKET_SYNTAX,
  CRYPTO_INVALID_PROTOCOL,
  CRYPTO_DONE,
  CRYPTO_NEXT_DONE,
  CRYPTO_FALLBACK,
];

test('every CRYPTO_* of include/net/xfrm.h is exported with its value, and no other', () => {
  const h = fs.readFileSync(path.join(packageRoot(), 'csrc', 'include', 'net', 'xfrm.h'), 'utf8');
  const defines = Object.fromEntries(
    [...h.matchAll(/^#define\s+(CRYPTO_\w+)\s+(\d+)\s*$/gm)].map((m) => [m[1], Number(m[2])]),
  );
  expect(Object.keys(defines)).toHaveLength(11);
  const exported = Object.fromEntries(Object.entries(skbext).filter(([k]) => k.startsWith('CRYPTO_')));
  expect(exported).toEqual(defines);
  expect(literal).toHaveLength(11);
});
