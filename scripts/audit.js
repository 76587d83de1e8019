#!/usr/bin/env node
/**
 * `npm run audit`: the dependencies the app ships (`npm audit --omit=dev`) must have no
 * high or critical advisory. Low and moderate ones are listed, not fatal. When npm's
 * advisory service cannot be asked (a proxy that refuses its POST, no network), the check
 * says so loudly and passes, unless FANOUT_AUDIT_STRICT=1 asks it to fail then too.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Severities that fail the check. */
const FATAL = ['high', 'critical'];

/**
 * What `npm audit --json` said: advisories by severity, or why it could not say.
 * @param {string} json
 * @returns {{ counts: Record<string, number>, fatal: string[] } | { unavailable: string }}
 */
export function judgeAudit(json) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { unavailable: 'npm audit printed no report' };
  }
  const report = /** @type {AuditJson} */ (parsed);
  const counts = report?.metadata?.vulnerabilities;
  if (!counts || typeof counts !== 'object') {
    return { unavailable: String(report?.message ?? report?.error?.summary ?? 'no report') };
  }
  /** @type {string[]} */
  const fatal = [];
  for (const [name, v] of Object.entries(report?.vulnerabilities ?? {})) {
    if (FATAL.includes(v.severity)) fatal.push(`${name} (${v.severity})`);
  }
  return { counts, fatal };
}

/**
 * The parts of `npm audit --json` the check reads (or of its error report).
 * @typedef {{
 *   metadata?: { vulnerabilities?: Record<string, number> },
 *   vulnerabilities?: Record<string, { severity: string }>,
 *   message?: string,
 *   error?: { summary?: string },
 * } | null | undefined} AuditJson
 */

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  execFile(
    'npm',
    ['audit', '--omit=dev', '--json'],
    { maxBuffer: 64 * 1024 * 1024 },
    (_error, stdout) => {
      const verdict = judgeAudit(stdout);
      if ('unavailable' in verdict) {
        const strict = process.env.FANOUT_AUDIT_STRICT === '1';
        console.error(
          `audit: ${strict ? 'FAILED' : 'WARNING'}: the npm advisory service could not be asked ` +
            `(${verdict.unavailable}); the shipped dependencies were not audited`,
        );
        process.exitCode = strict ? 1 : 0;
        return;
      }
      const summary = Object.entries(verdict.counts)
        .filter(([, n]) => n > 0)
        .map(([severity, n]) => `${n} ${severity}`);
      if (verdict.fatal.length > 0) {
        console.error(`audit: high or critical advisories in: ${verdict.fatal.join(', ')}`);
        console.error('run `npm audit --omit=dev` for details and `npm audit fix` to update');
        process.exitCode = 1;
        return;
      }
      console.log(`audit: no high or critical advisory (${summary.join(', ') || 'none at all'})`);
    },
  );
}
