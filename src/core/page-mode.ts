/**
 * How the page was asked to lay itself out, read from the query string. One place parses
 * every URL mode, so the modes that share the page (`?embed`, `?present`) stay compatible:
 * `?embed` is the compact layout for iframes, `?present` the classroom presentation mode.
 */

/** The layout the page uses: the full app, the compact embed, or the presentation mode. */
export type PageLayout = 'full' | 'embed' | 'present';

/** What the query string asks of the page. */
export interface PageMode {
  /** The layout; `?embed` wins over `?present` when both are given. */
  layout: PageLayout;
  /**
   * Origins a host page may drive the embed from (`?embed&origin=https://a.example`,
   * repeated or comma-separated); empty means any host page may (see the embed protocol).
   */
  embedOrigins: string[];
  /** Origins given in `origin=` that are not origins (`https://host[:port]`), to report. */
  badOrigins: string[];
}

/** Parses `location.search` (with or without the leading `?`) into the page's mode. */
export function parsePageMode(search: string): PageMode {
  const params = new URLSearchParams(search);
  const layout: PageLayout = params.has('embed')
    ? 'embed'
    : params.has('present')
      ? 'present'
      : 'full';
  const embedOrigins: string[] = [];
  const badOrigins: string[] = [];
  for (const value of params.getAll('origin')) {
    for (const part of value.split(',')) {
      const text = part.trim();
      if (!text) continue;
      const origin = normalizeOrigin(text);
      if (origin === undefined) badOrigins.push(text);
      else if (!embedOrigins.includes(origin)) embedOrigins.push(origin);
    }
  }
  return { layout, embedOrigins, badOrigins };
}

/**
 * The serialized origin of `text` (`https://a.example`, no path, default port dropped),
 * or undefined when it is not an http(s) origin. A path or query makes it invalid, since
 * postMessage compares origins only and a path would suggest a restriction that is not made.
 */
export function normalizeOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (url.pathname !== '/') return undefined;
  return url.origin;
}
