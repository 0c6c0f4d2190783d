// SPDX-License-Identifier: GPL-2.0-only
/**
 * The one check every parameter object of the API goes through: an
 * object, no key the call does not know (a misspelt option is an error,
 * not a default), and `bigint` fields given as bigints.
 */
import { invalidArgType } from './errors';

/** How a key is checked: `'bigint'` must be a bigint; `'any'` is left to the call. */
export type ParamKind = 'any' | 'bigint';

/** The keys a parameter object may hold, each with its check. */
export type ParamSpec<T> = { readonly [K in keyof Required<T>]: ParamKind };

/**
 * Throw a `TypeError` (`ERR_INVALID_ARG_TYPE`) unless `obj` is an object
 * whose own keys are all in `spec` and whose bigint keys hold bigints
 * (or `undefined`). `what` names the call in the message.
 */
export function checkParams<T>(what: string, obj: unknown, spec: ParamSpec<T>): asserts obj is T {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw invalidArgType(`${what} takes an object; allowed keys: ${Object.keys(spec).join(', ')}`);
  const kinds = spec as Record<string, ParamKind>;
  for (const k of Object.keys(obj)) {
    const kind = Object.prototype.hasOwnProperty.call(kinds, k) ? kinds[k] : undefined;
    if (kind === undefined)
      throw invalidArgType(`${what}: unknown key '${k}'; allowed keys: ${Object.keys(spec).join(', ')}`);
    const v = (obj as Record<string, unknown>)[k];
    if (kind === 'bigint' && v !== undefined && typeof v !== 'bigint')
      throw invalidArgType(`${what}: '${k}' must be a bigint (e.g. ${String(v)}n), not a ${typeof v}`);
  }
}
