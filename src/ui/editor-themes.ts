/**
 * The editor's colour themes, dark and light, written out in full (no inherited token
 * rules) so that every token colour is known here and tested to meet WCAG AA (4.5:1)
 * against the editor's background and its current-line highlight.
 */

/** A token rule as Monaco's `defineTheme` takes it (colours without the leading '#'). */
export interface TokenRule {
  token: string;
  foreground: string;
  fontStyle?: string;
}

/** One editor theme: Monaco's theme data. */
export interface EditorThemeData {
  base: 'vs' | 'vs-dark';
  inherit: false;
  rules: TokenRule[];
  colors: Record<string, string>;
}

/** Colours of the editor's chrome that are text, checked like the tokens. */
export const TEXT_COLOR_KEYS = [
  'editor.foreground',
  'editorLineNumber.foreground',
  'editorLineNumber.activeForeground',
  // The number of an empty last line (renderFinalNewline: 'dimmed').
  'editorLineNumber.dimmedForeground',
  'editorBracketHighlight.foreground1',
  'editorBracketHighlight.foreground2',
  'editorBracketHighlight.foreground3',
  'editorBracketHighlight.foreground4',
  'editorBracketHighlight.foreground5',
  'editorBracketHighlight.foreground6',
  'editorBracketHighlight.unexpectedBracket.foreground',
] as const;

/** Backgrounds text is drawn on, checked against every text colour. */
export const BACKGROUND_KEYS = ['editor.background', 'editor.lineHighlightBackground'] as const;

interface Palette {
  text: string;
  comment: string;
  keyword: string;
  string: string;
  escape: string;
  number: string;
  regexp: string;
  type: string;
  invalid: string;
  brackets: [string, string, string];
}

function rules(p: Palette): TokenRule[] {
  return [
    { token: '', foreground: p.text },
    { token: 'comment', foreground: p.comment, fontStyle: 'italic' },
    { token: 'keyword', foreground: p.keyword },
    { token: 'string', foreground: p.string },
    { token: 'string.escape', foreground: p.escape },
    { token: 'string.invalid', foreground: p.invalid },
    { token: 'number', foreground: p.number },
    { token: 'regexp', foreground: p.regexp },
    { token: 'regexp.escape', foreground: p.escape },
    { token: 'regexp.invalid', foreground: p.invalid },
    { token: 'type', foreground: p.type },
    { token: 'invalid', foreground: p.invalid },
    { token: 'identifier', foreground: p.text },
    { token: 'delimiter', foreground: p.text },
  ].map((r) => ({ ...r, foreground: r.foreground.replace('#', '') }));
}

function colors(p: Palette, bg: string, line: string, lineNumber: string): Record<string, string> {
  const [b1, b2, b3] = p.brackets;
  return {
    'editor.background': bg,
    'editor.foreground': p.text,
    'editor.lineHighlightBackground': line,
    'editorLineNumber.foreground': lineNumber,
    'editorLineNumber.activeForeground': p.text,
    'editorLineNumber.dimmedForeground': lineNumber,
    'editorBracketHighlight.foreground1': b1,
    'editorBracketHighlight.foreground2': b2,
    'editorBracketHighlight.foreground3': b3,
    'editorBracketHighlight.foreground4': b1,
    'editorBracketHighlight.foreground5': b2,
    'editorBracketHighlight.foreground6': b3,
    'editorBracketHighlight.unexpectedBracket.foreground': p.invalid,
  };
}

const DARK: Palette = {
  text: '#c9d1d9',
  comment: '#8b949e',
  keyword: '#ff7b72',
  string: '#a5d6ff',
  escape: '#79c0ff',
  number: '#79c0ff',
  regexp: '#7ee787',
  type: '#ffa657',
  invalid: '#ffa198',
  brackets: ['#79c0ff', '#d2a8ff', '#ffa657'],
};

const LIGHT: Palette = {
  text: '#1f2328',
  comment: '#59636e',
  keyword: '#cf222e',
  string: '#0a3069',
  escape: '#0550ae',
  number: '#0550ae',
  regexp: '#116329',
  type: '#953800',
  invalid: '#82071e',
  brackets: ['#0550ae', '#8250df', '#953800'],
};

/** The dark editor theme (GitHub-dark-like), named `fanout-dark`. */
export const DARK_THEME: EditorThemeData = {
  base: 'vs-dark',
  inherit: false,
  rules: rules(DARK),
  colors: colors(DARK, '#0d1117', '#161b22', '#8b949e'),
};

/** The light editor theme (GitHub-light-like), named `fanout-light`. */
export const LIGHT_THEME: EditorThemeData = {
  base: 'vs',
  inherit: false,
  rules: rules(LIGHT),
  colors: colors(LIGHT, '#ffffff', '#f6f8fa', '#59636e'),
};
