/**
 * WebGPU compilation messages (`getCompilationInfo`) as a typed error placed at the
 * editor line of the WGSL that caused them.
 */
import { GpuError } from '../core/errors';
import type { WgslLineMap } from './gpu-session';

/** Compilation messages as one GpuError at the first error's editor line. */
export function compileError(
  messages: GPUCompilationMessage[],
  callLine: number | undefined,
  map: WgslLineMap | undefined,
  origin: string,
): GpuError {
  const first = messages[0]!;
  const pos = map?.(first.lineNum, first.linePos);
  const text = messages.map((m) => `WGSL line ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
  const line = pos?.line ?? callLine;
  return new GpuError(
    'compile',
    `${origin === 'kernel' ? 'The WGSL kernel' : 'The generated WGSL'} does not compile:\n${text}`,
    {
      ...(line !== undefined ? { line } : {}),
      ...(pos ? { column: pos.column } : {}),
      hint:
        origin === 'kernel'
          ? "Fix the WGSL at the marked line; the message is the WebGPU compiler's."
          : 'This is a transpiler bug: please report it with the function; meanwhile write the kernel with g.kernel.',
    },
  );
}
