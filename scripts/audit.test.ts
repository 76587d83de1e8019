import { describe, expect, it } from 'vitest';
import { judgeAudit } from './audit.js';

const report = (vulnerabilities: Record<string, { severity: string }>) =>
  JSON.stringify({
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 1, moderate: 1, high: 0, critical: 0 } },
  });

describe(judgeAudit, () => {
  it('fails on high and critical advisories only', () => {
    expect(judgeAudit(report({ a: { severity: 'low' }, b: { severity: 'moderate' } }))).toEqual({
      counts: { info: 0, low: 1, moderate: 1, high: 0, critical: 0 },
      fatal: [],
    });
    expect(
      judgeAudit(report({ a: { severity: 'high' }, b: { severity: 'critical' } })),
    ).toMatchObject({ fatal: ['a (high)', 'b (critical)'] });
  });

  it('says when the advisory service gave no report', () => {
    expect(judgeAudit('{"message":"405 Method Not Allowed","error":{}}')).toEqual({
      unavailable: '405 Method Not Allowed',
    });
    expect(judgeAudit('')).toEqual({ unavailable: 'npm audit printed no report' });
  });
});
