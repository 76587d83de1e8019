/** The examples with their scripts' text, as the page opens them. */
import { CATALOG } from './catalog';
import type { Example, ExampleInfo } from './example';

/** Every script under `scripts/`, by file path, as text. */
const SCRIPTS = import.meta.glob<string>('./scripts/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The text of `scripts/<id>.ts`; throws when the example has no script (a build mistake). */
export function scriptOf(id: string): string {
  const code = SCRIPTS[`./scripts/${id}.ts`];
  if (code === undefined)
    throw new Error(`example "${id}" has no script src/examples/scripts/${id}.ts`);
  return code;
}

/** Joins an example's text with its script. */
function withCode(info: ExampleInfo): Example {
  return { ...info, code: scriptOf(info.id) };
}

/** Every example with its code, in lesson order. */
export const EXAMPLES: readonly Example[] = CATALOG.map(withCode);

/** The example with this id (variants included, under their own id), if there is one. */
export function findExample(id: string): Example | undefined {
  for (const e of EXAMPLES) {
    if (e.id === id) return e;
    const variant = e.variants?.find((v) => v.id === id);
    if (variant)
      return {
        ...e,
        ...variant,
        title: `${e.title} (${variant.label})`,
        code: scriptOf(variant.id),
      };
  }
  return undefined;
}
