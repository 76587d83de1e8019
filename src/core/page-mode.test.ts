import { describe, expect, it } from 'vitest';
import { normalizeOrigin, parsePageMode } from './page-mode';

describe(parsePageMode, () => {
  it('is the full app without parameters', () => {
    expect(parsePageMode('')).toEqual({ layout: 'full', embedOrigins: [], badOrigins: [] });
  });

  it('reads ?embed with or without a value, and lets embed win over present', () => {
    expect(parsePageMode('?embed').layout).toBe('embed');
    expect(parsePageMode('embed=1').layout).toBe('embed');
    expect(parsePageMode('?present').layout).toBe('present');
    expect(parsePageMode('?present&embed').layout).toBe('embed');
  });

  it('collects allowed origins, repeated or comma-separated, without duplicates', () => {
    const mode = parsePageMode(
      '?embed&origin=https://a.example&origin=https://b.example:8443,https://a.example/',
    );
    expect(mode.embedOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(mode.badOrigins).toEqual([]);
  });

  it('reports origins it cannot honour instead of dropping them silently', () => {
    const mode = parsePageMode('?embed&origin=a.example,https://c.example/page,*');
    expect(mode.embedOrigins).toEqual([]);
    expect(mode.badOrigins).toEqual(['a.example', 'https://c.example/page', '*']);
  });
});

describe(normalizeOrigin, () => {
  it('drops default ports and a bare trailing slash', () => {
    expect(normalizeOrigin('https://a.example:443/')).toBe('https://a.example');
    expect(normalizeOrigin('http://127.0.0.1:4203')).toBe('http://127.0.0.1:4203');
  });

  it('refuses other schemes, paths, queries and credentials', () => {
    expect(normalizeOrigin('file:///tmp/x.html')).toBeUndefined();
    expect(normalizeOrigin('https://a.example/x')).toBeUndefined();
    expect(normalizeOrigin('https://a.example?x')).toBeUndefined();
    expect(normalizeOrigin('https://u:p@a.example')).toBeUndefined();
  });
});
