// @ts-check
/**
 * Share links: a script, its settings and (optionally) the sender's machine and run
 * summary, as a versioned, compressed record in the URL hash:
 *
 *     #fanout/1/<base64url(deflate(UTF-8 JSON))>
 *
 * Plain JavaScript with JSDoc types (checked by `tsc`), so the page and the Node command
 * line (`fanout share`, Node 20 runs no TypeScript) use this one file. It touches no DOM:
 * `CompressionStream`, `btoa` and `TextEncoder` exist in browsers, workers and Node 18+.
 * The README's "Share links" section documents the format; change both together.
 *
 * A decoded link is untrusted data: every field is checked and bounded here, and the page
 * shows its strings as text only.
 */

/** The hash starts with this, then the format version and a slash. */
export const LINK_PREFIX = 'fanout/';
/** The format version this code writes and reads. */
export const LINK_VERSION = 1;
/** Longest hash accepted (characters); browsers and chat apps cut longer URLs. */
export const MAX_LINK_CHARS = 100_000;
/** Longest decompressed record (bytes), so a small link cannot expand into a huge one. */
export const MAX_RECORD_BYTES = 1_000_000;
/** Longest script a link carries (characters). */
export const MAX_CODE_CHARS = 200_000;
/** Most parallel calls of the sender's run kept in a link. */
export const MAX_SENDER_CALLS = 20;
/** Longest label or browser name kept (characters). */
const MAX_LABEL_CHARS = 120;
/** Largest worker count a link may ask for, either sign. */
const MAX_WORKERS = 256;

/**
 * @typedef {{ workers: number | 'auto' }} LinkSettings
 * Settings of the page that travel with the script: the worker count (`'auto'`, a
 * positive number, or a negative one as in joblib).
 */
/**
 * @typedef {{ label: string, wall: number, speedup: number, tasks: number }} SenderCall
 * One parallel call of the sender's run: its label, wall time in ms, speedup and tasks.
 */
/**
 * @typedef {{ ok: boolean, workers: number, wall: number, calls: SenderCall[] }} SenderRun
 * The sender's last run: whether it ended without error, the workers it used, its wall
 * time in ms and its calls.
 */
/**
 * @typedef {{ threads: number, browser: string, run?: SenderRun }} Sender
 * Who made the link: hardware threads, browser name and version, and their run.
 */
/**
 * @typedef {{ code: string, settings: LinkSettings, sender?: Sender }} SharedScript
 * Everything a share link carries.
 */
/**
 * @typedef {'not-a-link' | 'damaged' | 'version' | 'oversized' | 'invalid'} ShareLinkProblem
 * Why a link could not be read: not a Fanout link at all, cut off or corrupted, made by
 * another format version, too large, or well-formed but with fields of the wrong kind.
 */

/** A share link that cannot be made or read: what went wrong and what to do (`hint`). */
export class ShareLinkError extends Error {
  /**
   * @param {ShareLinkProblem} problem
   * @param {string} message
   * @param {string} hint
   */
  constructor(problem, message, hint) {
    super(message);
    this.name = 'ShareLinkError';
    /** Which kind of problem, for tests and for the page's wording. */
    this.problem = problem;
    /** What the person can do about it. */
    this.hint = hint;
  }
}

/** The end of every hint of a link that cannot be read. */
const UNCHANGED = 'Nothing was changed: your own script is still in the editor.';
const KEEP = `Ask the sender for the link again. ${UNCHANGED}`;

/**
 * Encodes a script and its settings into the hash part of a link (without `#`).
 * Throws a ShareLinkError when the script is too long for a link.
 * @param {SharedScript} shared
 * @returns {Promise<string>}
 */
export async function encodeLink(shared) {
  const record = validateRecord(JSON.parse(JSON.stringify(shared)));
  const bytes = await transform(
    new TextEncoder().encode(JSON.stringify(record)),
    new CompressionStream('deflate'),
  );
  const hash = `${LINK_PREFIX}${LINK_VERSION}/${toBase64Url(bytes)}`;
  if (hash.length > MAX_LINK_CHARS)
    throw new ShareLinkError(
      'oversized',
      `This script makes a link of ${hash.length} characters; links stop at ${MAX_LINK_CHARS}.`,
      'Shorten the script (generate data in the script instead of pasting it), then share again.',
    );
  return hash;
}

/**
 * Reads the hash of a link (with or without `#`). Throws a ShareLinkError that says
 * what is wrong for anything that is not a complete, valid link of this version.
 * @param {string} hash
 * @returns {Promise<SharedScript>}
 */
export async function decodeLink(hash) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_LINK_CHARS)
    throw new ShareLinkError(
      'oversized',
      `This link is ${text.length} characters long; Fanout reads links up to ${MAX_LINK_CHARS}.`,
      KEEP,
    );
  const match = /^fanout\/(\d{1,6})\/(.*)$/s.exec(text);
  if (!match) throw new ShareLinkError('not-a-link', 'This is not a Fanout share link.', KEEP);
  const version = Number(match[1]);
  if (version !== LINK_VERSION)
    throw new ShareLinkError(
      'version',
      `This link uses format version ${version}; this Fanout reads version ${LINK_VERSION}.`,
      version > LINK_VERSION
        ? `It was made by a newer Fanout: open it where it was made, or ask for a link from this version. ${UNCHANGED}`
        : KEEP,
    );
  const json = await inflate(match[2] ?? '');
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw damaged();
  }
  return validateRecord(value);
}

/** @returns {ShareLinkError} */
function damaged() {
  return new ShareLinkError(
    'damaged',
    'This link is incomplete or damaged: perhaps it was cut off when it was copied.',
    KEEP,
  );
}

/**
 * Base64url payload to text, refusing bad characters, corrupt data and oversized records.
 * @param {string} payload
 * @returns {Promise<string>}
 */
async function inflate(payload) {
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) throw damaged();
  let bytes;
  try {
    bytes = await transform(
      fromBase64Url(payload),
      new DecompressionStream('deflate'),
      MAX_RECORD_BYTES,
    );
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw damaged();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw damaged();
  }
}

/**
 * Pipes bytes through a (de)compression stream; stops with an 'oversized' error once the
 * output passes `limit` bytes.
 * @param {Uint8Array<ArrayBuffer>} input
 * @param {CompressionStream | DecompressionStream} stream
 * @param {number} [limit]
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
async function transform(input, stream, limit = Infinity) {
  const writer = stream.writable.getWriter();
  const written = writer.write(input).then(() => writer.close());
  // A failed write surfaces through the reader below; this catch only avoids an unhandled rejection.
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  /** @type {Uint8Array[]} */
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ShareLinkError(
        'oversized',
        `This link unpacks to more than ${limit} bytes, more than any script Fanout shares.`,
        KEEP,
      );
    }
    parts.push(value);
  }
  await written;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer>}
 */
function fromBase64Url(text) {
  if (text.length % 4 === 1) throw damaged();
  let binary;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw damaged();
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * @param {string} what
 * @returns {ShareLinkError}
 */
function invalid(what) {
  return new ShareLinkError('invalid', `This link is not a valid Fanout link: ${what}.`, KEEP);
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isFiniteNumber(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * A short single-line string, or undefined when `v` is not a string.
 * @param {unknown} v
 * @returns {string | undefined}
 */
function shortText(v) {
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').slice(0, MAX_LABEL_CHARS) : undefined;
}

/**
 * Checks an untrusted record field by field and returns a clean copy: required fields of
 * the wrong kind are an error; optional sender details that are malformed are dropped.
 * @param {unknown} value
 * @returns {SharedScript}
 */
export function validateRecord(value) {
  if (!isObject(value)) throw invalid('it holds no script');
  const { code, settings } = value;
  if (typeof code !== 'string') throw invalid('it holds no script');
  if (code.length > MAX_CODE_CHARS)
    throw new ShareLinkError(
      'oversized',
      `The script in this link is ${code.length} characters long; links carry up to ${MAX_CODE_CHARS}.`,
      KEEP,
    );
  const workers = isObject(settings) ? settings.workers : 'auto';
  const okWorkers =
    workers === 'auto' ||
    (Number.isInteger(workers) && workers !== 0 && Math.abs(Number(workers)) <= MAX_WORKERS);
  if (!okWorkers)
    throw invalid(`the worker count ${JSON.stringify(workers)} is not one Fanout accepts`);
  /** @type {SharedScript} */
  const record = { code, settings: { workers: /** @type {number | 'auto'} */ (workers) } };
  const sender = validateSender(value.sender);
  if (sender) record.sender = sender;
  return record;
}

/**
 * @param {unknown} v
 * @returns {Sender | undefined}
 */
function validateSender(v) {
  if (!isObject(v) || !isFiniteNumber(v.threads) || v.threads < 1) return undefined;
  /** @type {Sender} */
  const sender = {
    threads: Math.round(v.threads),
    browser: shortText(v.browser) ?? 'unknown browser',
  };
  const run = v.run;
  if (isObject(run) && isFiniteNumber(run.wall) && isFiniteNumber(run.workers) && run.wall >= 0) {
    const calls = Array.isArray(run.calls) ? run.calls : [];
    sender.run = {
      ok: run.ok === true,
      workers: Math.round(run.workers),
      wall: run.wall,
      calls: calls.slice(0, MAX_SENDER_CALLS).flatMap((c) => {
        if (!isObject(c) || !isFiniteNumber(c.wall) || !isFiniteNumber(c.speedup)) return [];
        const tasks = isFiniteNumber(c.tasks) ? Math.round(c.tasks) : 0;
        return [{ label: shortText(c.label) ?? '?', wall: c.wall, speedup: c.speedup, tasks }];
      }),
    };
  }
  return sender;
}
