/**
 * Pointer and wheel gestures on the timeline canvas, translated into intents in canvas CSS
 * pixels, so the view holds the state and this file holds the event plumbing.
 */

/** What the canvas's gestures ask of the view. */
export interface PointerIntents {
  /** A drag began; later `drag` calls give the total offset since this point. */
  dragStart(): void;
  /** The pointer moved `dx` px since `dragStart` (positive: content moves right). */
  drag(dx: number): void;
  /** Pan by `dx` px of time (positive: later), from a horizontal wheel or trackpad. */
  pan(dx: number): void;
  /** Scale the time span by `factor` around canvas x. */
  zoomAt(factor: number, x: number): void;
  hover(x: number, y: number): void;
  leave(): void;
  click(x: number, y: number): void;
  doubleClick(): void;
}

/** Pixels a press must move before it counts as a drag rather than a click. */
const DRAG_SLOP = 3;

/** Wires wheel, drag, hover, click and double-click on `canvas` to `intents`. */
export function attachPointer(canvas: HTMLCanvasElement, intents: PointerIntents): void {
  let drag: { x: number; moved: boolean } | undefined;
  const local = (e: MouseEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) intents.pan(e.deltaX * unit);
    else intents.zoomAt(Math.exp(e.deltaY * unit * 0.002), local(e)[0]);
  };
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, moved: false };
    canvas.setPointerCapture(e.pointerId);
    intents.dragStart();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drag) {
      const dx = e.clientX - drag.x;
      drag.moved ||= Math.abs(dx) > DRAG_SLOP;
      if (drag.moved) intents.drag(dx);
    } else intents.hover(...local(e));
  });
  canvas.addEventListener('pointerup', (e) => {
    const d = drag;
    drag = undefined;
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    if (d && !d.moved) intents.click(...local(e));
  });
  canvas.addEventListener('pointercancel', () => (drag = undefined));
  canvas.addEventListener('pointerleave', () => {
    if (!drag) intents.leave();
  });
  canvas.addEventListener('dblclick', () => intents.doubleClick());
}
