/**
 * Turns console arguments into one line of text, like Node's util.format: strings as they
 * are, everything else shown readably and shortened so a 10-million-element array prints
 * in microseconds.
 */

import type { ValuePreview } from '../protocol/messages';

const MAX_ITEMS = 20;
const MAX_DEPTH = 3;
const MAX_LENGTH = 2000;

/** Formats console.log arguments into a single line of text. */
export function formatArgs(args: readonly unknown[]): string {
  const text = args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}… (${text.length} chars)` : text;
}

/** Shows any value as short, readable text (typed arrays and long arrays are abbreviated). */
export function inspect(value: unknown, depth = 0, seen = new Set<object>()): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[Circular]';
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    const arr = obj as unknown as ArrayLike<number | bigint> & { constructor: { name: string } };
    return `${arr.constructor.name}(${arr.length}) ${listItems(arr, depth, seen)}`;
  }
  if (obj instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${obj.byteLength} }`;
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? '[Array]' : '[Object]';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return listItems(obj, depth, seen);
    if (obj instanceof Map) {
      const entries = [...obj.entries()].slice(0, MAX_ITEMS);
      const body = entries.map(
        ([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`,
      );
      return `Map(${obj.size}) {${body.length ? ` ${body.join(', ')}${obj.size > MAX_ITEMS ? ', …' : ''} ` : ''}}`;
    }
    if (obj instanceof Set) {
      return `Set(${obj.size}) ${listItems([...obj].slice(0, MAX_ITEMS + 1), depth, seen, obj.size)}`;
    }
    const keys = Object.keys(obj);
    const shown = keys
      .slice(0, MAX_ITEMS)
      .map(
        (k) =>
          `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect((obj as Record<string, unknown>)[k], depth + 1, seen)}`,
      );
    if (keys.length > MAX_ITEMS) shown.push(`… ${keys.length - MAX_ITEMS} more`);
    const ctor = (obj as { constructor?: { name?: string } }).constructor?.name;
    const prefix = ctor && ctor !== 'Object' ? `${ctor} ` : '';
    return shown.length ? `${prefix}{ ${shown.join(', ')} }` : `${prefix}{}`;
  } finally {
    seen.delete(obj);
  }
}

function listItems(
  arr: ArrayLike<unknown>,
  depth: number,
  seen: Set<object>,
  length = arr.length,
): string {
  const n = Math.min(arr.length, MAX_ITEMS);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(inspect(arr[i], depth + 1, seen));
  if (length > MAX_ITEMS) parts.push(`… ${length - MAX_ITEMS} more`);
  return `[${parts.join(', ')}]`;
}

/** Entries kept per container in a preview. */
const PREVIEW_ENTRIES = 100;

/**
 * Builds an expandable preview of `value` within a budget of nodes, so printing a huge
 * nested object costs a bounded amount of time and message size.
 */
export function preview(
  value: unknown,
  budget = { left: 400 },
  seen = new Set<object>(),
): ValuePreview {
  const s = inspect(value, 1);
  if (value === null || typeof value !== 'object' || seen.has(value) || budget.left <= 0)
    return { s };
  const entries = entriesOf(value);
  if (entries === undefined) return { s };
  seen.add(value);
  const e: [string, ValuePreview][] = [];
  let i = 0;
  for (const [k, v] of entries) {
    if (i >= PREVIEW_ENTRIES || budget.left <= 0) break;
    budget.left--;
    e.push([k, preview(v, budget, seen)]);
    i++;
  }
  seen.delete(value);
  const total = sizeOf(value);
  return { s, e, more: Math.max(0, total - e.length) };
}

/** True when a value prints as something worth expanding. */
export function isExpandable(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    entriesOf(value) !== undefined &&
    sizeOf(value) > 0
  );
}

function entriesOf(value: object): Iterable<[string, unknown]> | undefined {
  if (value instanceof Error || value instanceof Date || value instanceof RegExp) return undefined;
  if (value instanceof ArrayBuffer || value instanceof DataView) return undefined;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<unknown>;
    return (function* () {
      for (let i = 0; i < arr.length; i++) yield [String(i), arr[i]] as [string, unknown];
    })();
  }
  if (value instanceof Map) {
    return (function* () {
      for (const [k, v] of value) yield [inspect(k, 1), v] as [string, unknown];
    })();
  }
  if (value instanceof Set) {
    return (function* () {
      let i = 0;
      for (const v of value) yield [String(i++), v] as [string, unknown];
    })();
  }
  return Object.entries(value);
}

/** How many children a container (array, typed array, Map, Set, object) has, without walking it. */
export function sizeOf(value: object): number {
  if (value instanceof Map || value instanceof Set) return value.size;
  if (Array.isArray(value) || ArrayBuffer.isView(value))
    return (value as unknown as ArrayLike<unknown>).length;
  return Object.keys(value).length;
}
