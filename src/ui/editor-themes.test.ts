import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';
import { BACKGROUND_KEYS, DARK_THEME, LIGHT_THEME, TEXT_COLOR_KEYS } from './editor-themes';

describe('editor themes', () => {
  for (const [name, theme] of [
    ['dark', DARK_THEME],
    ['light', LIGHT_THEME],
  ] as const) {
    it(`${name}: every token and text colour meets WCAG AA on every background`, () => {
      const texts = [
        ...theme.rules.map((r) => [`token '${r.token}'`, `#${r.foreground}`] as const),
        ...TEXT_COLOR_KEYS.map((k) => [k, theme.colors[k]] as const),
      ];
      const failures: string[] = [];
      for (const bgKey of BACKGROUND_KEYS) {
        const bg = theme.colors[bgKey];
        expect(bg, bgKey).toBeDefined();
        for (const [what, fg] of texts) {
          expect(fg, what).toBeDefined();
          const ratio = contrastRatio(fg!, bg!);
          if (ratio < 4.5) failures.push(`${what} ${fg} on ${bgKey} ${bg}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it(`${name}: does not inherit rules it has not checked`, () => {
      expect(theme.inherit).toBe(false);
      expect(theme.rules.some((r) => r.token === '')).toBe(true);
    });
  }
});
