/**
 * The Monaco editor with TypeScript: the Fanout API's `.d.ts` for completion and hover
 * docs, diagnostics as markers, runtime errors marked at their line, and emitting the
 * script to JavaScript (with a source map) for the driver.
 *
 * Run does not need Monaco's TypeScript worker (about 1.4 MB gzip, most of what the page
 * would load): the script is emitted by a light type stripper (core/transpile-script.ts).
 * The worker, which type-checks, completes and documents, loads once the person turns to
 * the editor (focus, an edit, the pointer over it), when something asks for diagnostics,
 * or when the page has been idle for a moment (see {@link loadTypeScript}).
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { transpileScript } from '../core/transpile-script';
import type { Compiled } from '../core/transpile-script';
import { DARK_THEME, LIGHT_THEME } from './editor-themes';
import * as monaco from './monaco';

let allowTypeScript: () => void = () => undefined;
const typeScriptAllowed = new Promise<void>((resolve) => (allowTypeScript = resolve));

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker | Promise<Worker> {
    if (label === 'typescript' || label === 'javascript') {
      // Monaco asks for it as soon as the model exists; it starts when allowed.
      return typeScriptAllowed.then(() => new TsWorker());
    }
    return new EditorWorker();
  },
};

/**
 * Lets Monaco start its TypeScript worker (type checking, completion, hover docs). Until
 * then those wait; running a script never does. Calling it again does nothing.
 */
export function loadTypeScript(): void {
  allowTypeScript();
}

const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  // ES2022 (9): class fields and top-level await as written.
  target: 9 as monaco.typescript.ScriptTarget,
  module: ts.ModuleKind.ESNext,
  // Every script is a module, so top-level await type-checks and emits as written.
  moduleDetection: 3,
  // The TypeScript API takes lib file names (tsconfig's short names are a tsconfig feature).
  lib: [
    'lib.es2023.d.ts',
    'lib.webworker.d.ts',
    'lib.webworker.iterable.d.ts',
    'lib.webworker.asynciterable.d.ts',
  ],
  sourceMap: true,
  // Scripts are often plain tutorial JavaScript: strict mode would flag correct code
  // (`const rows = []; rows.push(x)` types `rows` as never[]; `catch (e) { e.message }`;
  // `arr.find(...).x`). Type errors in what is declared (the API, annotations) remain.
  strict: false,
  strictNullChecks: false,
  noImplicitAny: false,
  allowNonTsExtensions: true,
});

monaco.editor.defineTheme('fanout-dark', DARK_THEME);
monaco.editor.defineTheme('fanout-light', LIGHT_THEME);
const lightScheme = matchMedia('(prefers-color-scheme: light)');
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const themeName = (): string => (lightScheme.matches ? 'fanout-light' : 'fanout-dark');
lightScheme.addEventListener('change', () => monaco.editor.setTheme(themeName()));

/** Gives the editor the declarations of the script's globals (completion and hover docs). */
export function declareScriptApi(declarations: string): void {
  ts.typescriptDefaults.addExtraLib(declarations, 'file:///fanout-api.d.ts');
}

const MODEL_URI = monaco.Uri.parse('file:///main.ts');
const RUNTIME_OWNER = 'fanout-runtime';

export type { Compiled };

/** Pause in typing after which the text is emitted ahead of Run, ms. */
const PRECOMPILE_DELAY_MS = 300;

/**
 * Creates the editor in `container` with `text`; `onRun` is bound to Ctrl/Cmd+Enter,
 * `onStop` to Escape. Tab indents; Escape makes the next Tab leave the editor, and Ctrl+M
 * switches Tab between indenting and moving focus (`onTabMode` hears every change).
 */
export function createEditor(
  container: HTMLElement,
  text: string,
  onRun: () => void,
  onStop: () => void,
  onTabMode: (movesFocus: boolean) => void = () => undefined,
) {
  const model =
    monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(text, 'typescript', MODEL_URI);
  model.setValue(text);
  const editor = monaco.editor.create(container, {
    model,
    theme: themeName(),
    automaticLayout: true,
    cursorBlinking: reducedMotion.matches ? 'solid' : 'blink',
    smoothScrolling: false,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel: 'Script editor',
  });
  bindKeys(editor, onRun, onStop, onTabMode);
  loadTypeScriptWhenWanted(editor, container);
  return {
    editor,
    compile: precompiler(model),
    diagnostics: () => diagnosticsOf(model),
    ...runtimeMarkers(editor, model),
    /** Sets the editor's font size in CSS px (presentation mode uses a large one). */
    setFontSize: (px: number) => editor.updateOptions({ fontSize: px }),
    getText: () => model.getValue(),
    /** Replaces the text (nothing happens when it is the same: its emit stays valid). */
    setText: (t: string) => {
      if (model.getValue() !== t) model.setValue(t);
    },
    onChange: (f: () => void) => model.onDidChangeContent(f),
  };
}

/** Ctrl/Cmd+Enter runs; Escape stops and lets the next Tab leave; Ctrl+M toggles Tab's mode. */
function bindKeys(
  editor: monaco.editor.IStandaloneCodeEditor,
  onRun: () => void,
  onStop: () => void,
  onTabMode: (movesFocus: boolean) => void,
): void {
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
  const tabMode = trackTabMode(editor, onTabMode);
  editor.addCommand(
    monaco.KeyCode.Escape,
    () => {
      onStop();
      tabMode.leaveOnce();
    },
    '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible',
  );
  // Ctrl+M is Monaco's own "Tab moves focus" toggle; taken over so the page can say which
  // mode is on (Cmd+M would minimise the window on a Mac, so there it is Ctrl+M too).
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, () => tabMode.toggle());
  editor.addCommand(monaco.KeyMod.WinCtrl | monaco.KeyCode.KeyM, () => tabMode.toggle());
}

/**
 * Loads the TypeScript worker once the person turns to the editor: type checking and
 * completion will be wanted. Text set by the page (a run's code, an example) is a flush,
 * not an edit: it waits for idle, so the worker does not start up inside a run.
 */
function loadTypeScriptWhenWanted(
  editor: monaco.editor.IStandaloneCodeEditor,
  container: HTMLElement,
): void {
  editor.onDidFocusEditorText(loadTypeScript);
  editor.onDidChangeModelContent((e) => {
    if (!e.isFlush) loadTypeScript();
  });
  container.addEventListener('pointerenter', loadTypeScript, { once: true });
}

/**
 * The model's emitter: returns the current text emitted to JavaScript with a source map (or
 * its syntax error). The last emit is kept with the text version it is for, so Run reuses
 * it when the text has not changed, and the emit runs a moment after each edit, so pressing
 * Run does not wait for it (an emit takes a few milliseconds, more on a busy machine).
 */
function precompiler(model: monaco.editor.ITextModel): () => Promise<Compiled> {
  let emitted: { version: number; result: Promise<Compiled> } | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  function compile(): Promise<Compiled> {
    const version = model.getVersionId();
    if (emitted?.version !== version) {
      emitted = { version, result: Promise.resolve(transpileScript(model.getValue())) };
    }
    return emitted.result;
  }
  model.onDidChangeContent(() => {
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      compile().catch(() => undefined);
    }, PRECOMPILE_DELAY_MS);
  });
  return compile;
}

/** TypeScript's errors in the model's text (syntax and types), asked of its worker directly. */
async function diagnosticsOf(
  model: monaco.editor.ITextModel,
): Promise<{ line: number; message: string }[]> {
  const worker = await (await typeScriptWorker())(MODEL_URI);
  const uri = MODEL_URI.toString();
  const all = [
    ...(await worker.getSyntacticDiagnostics(uri)),
    ...(await worker.getSemanticDiagnostics(uri)),
  ];
  return all.map((d) => ({
    line: model.getPositionAt(d.start ?? 0).lineNumber,
    message: typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText,
  }));
}

/** Marking a run's error at its line, and reading the marks back (tests read them). */
function runtimeMarkers(
  editor: monaco.editor.IStandaloneCodeEditor,
  model: monaco.editor.ITextModel,
) {
  return {
    /** Marks a runtime error at `line` (1-based), or clears the marks when `line` is undefined. */
    markError(line: number | undefined, message = ''): void {
      if (line === undefined) {
        monaco.editor.setModelMarkers(model, RUNTIME_OWNER, []);
        return;
      }
      const l = Math.min(Math.max(1, line), model.getLineCount());
      monaco.editor.setModelMarkers(model, RUNTIME_OWNER, [
        {
          severity: monaco.MarkerSeverity.Error,
          message,
          startLineNumber: l,
          startColumn: model.getLineFirstNonWhitespaceColumn(l) || 1,
          endLineNumber: l,
          endColumn: model.getLineMaxColumn(l),
          source: 'run',
        },
      ]);
      editor.revealLineInCenterIfOutsideViewport(l);
    },
    /** Runtime error markers currently shown. */
    errorMarkers() {
      return monaco.editor.getModelMarkers({ resource: MODEL_URI, owner: RUNTIME_OWNER });
    },
  };
}

/**
 * Whether Tab moves focus out of the editor: always after Ctrl+M (until pressed again), or
 * once after Escape (until the editor loses focus or the person types).
 */
function trackTabMode(
  editor: monaco.editor.IStandaloneCodeEditor,
  onChange: (movesFocus: boolean) => void,
) {
  let always = false;
  let once = false;
  let shown = false;
  const apply = (): void => {
    const moves = always || once;
    editor.updateOptions({ tabFocusMode: moves });
    if (moves !== shown) onChange((shown = moves));
  };
  editor.onDidBlurEditorText(() => {
    if (!once) return;
    once = false;
    apply();
  });
  editor.onDidChangeModelContent(() => {
    if (!once) return;
    once = false;
    apply();
  });
  apply();
  return {
    leaveOnce: (): void => {
      once = true;
      apply();
    },
    toggle: (): void => {
      always = !always;
      once = false;
      apply();
    },
  };
}

/**
 * Monaco's TypeScript worker. Its language support registers lazily after the first
 * TypeScript model exists and rejects with "TypeScript not registered!" until then.
 */
async function typeScriptWorker(): ReturnType<typeof ts.getTypeScriptWorker> {
  loadTypeScript();
  for (let attempt = 0; ; attempt++) {
    try {
      return await ts.getTypeScriptWorker();
    } catch (e) {
      if (attempt >= 200) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The editor handle returned by {@link createEditor}. */
export type EditorHandle = ReturnType<typeof createEditor>;
