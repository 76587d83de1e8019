/**
 * The bindings a hand-written WGSL kernel declares in group 0, read from its source, so
 * `g.kernel` can build an explicit layout and say which binding a buffer does not fit.
 */

/** How a binding is accessed. */
export type BindingKind = 'uniform' | 'read' | 'read_write';

/** A `@group(0) @binding(n) var<...> name: type;` declaration. */
export interface WgslBinding {
  binding: number;
  kind: BindingKind;
  name: string;
  type: string;
}

const DECLARATION =
  /@group\(\s*(\d+)\s*\)\s*@binding\(\s*(\d+)\s*\)\s*var\s*<\s*(uniform|storage)\s*(?:,\s*(read_write|read))?\s*>\s*([A-Za-z_]\w*)\s*:\s*([^;]+);/g;

/** The group-0 bindings of `wgsl`, by binding number (comments are ignored). */
export function readBindings(wgsl: string): WgslBinding[] {
  const code = wgsl.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const out: WgslBinding[] = [];
  for (const m of code.matchAll(DECLARATION)) {
    if (m[1] !== '0') continue;
    const kind: BindingKind =
      m[3] === 'uniform' ? 'uniform' : m[4] === 'read_write' ? 'read_write' : 'read';
    out.push({ binding: Number(m[2]), kind, name: m[5]!, type: m[6]!.trim() });
  }
  return out.sort((a, b) => a.binding - b.binding);
}
