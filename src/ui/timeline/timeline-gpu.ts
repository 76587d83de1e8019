/**
 * The GPU lane: one bar per GPU call split into its upload, compute and readback phases.
 * When the adapter has timestamp queries, the kernel's own time is drawn solid at the start
 * of the compute phase and the rest of the phase (submission and waiting) is drawn faint.
 */
import type { GpuCallRecord } from '../../protocol/messages';
import type { Viewport } from './timeline-paint';
import { callColour, timeToX } from './timeline-paint';

/** Phase colours of the GPU lane (compute uses the call's colour). */
export const GPU_PHASE_COLOURS = { upload: '#d29922', readback: '#a371f7' } as const;

/** Draws every GPU call in the lane at `y`, `h` px high. */
export function drawGpuLane(
  ctx: CanvasRenderingContext2D,
  calls: readonly GpuCallRecord[],
  v: Viewport,
  y: number,
  h: number,
): void {
  const rect = (a: number, b: number, colour: string, alpha = 1): void => {
    const x0 = Math.max(v.left - 4, timeToX(v, a));
    const x1 = Math.min(v.left + v.width + 4, timeToX(v, b));
    if (x1 < v.left || x0 > v.left + v.width) return;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = colour;
    ctx.fillRect(x0, y, Math.max(1, x1 - x0), h);
  };
  for (const c of calls) {
    rect(c.start, c.uploadEnd, GPU_PHASE_COLOURS.upload);
    const colour = c.ok ? callColour(c.callId) : '#f85149';
    if (c.kernelMs !== undefined) {
      rect(c.uploadEnd, c.computeEnd, colour, 0.35);
      rect(c.uploadEnd, Math.min(c.computeEnd, c.uploadEnd + c.kernelMs), colour);
    } else rect(c.uploadEnd, c.computeEnd, colour);
    rect(c.computeEnd, c.end, GPU_PHASE_COLOURS.readback);
  }
  ctx.globalAlpha = 1;
}
