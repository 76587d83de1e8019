/**
 * Turns console arguments into one line of text, like Node's util.format: strings as they
 * are, everything else shown readably and shortened so a 10-million-element array prints
 * in microseconds.
 */

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
