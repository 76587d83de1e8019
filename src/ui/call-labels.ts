/**
 * Labels that tell calls apart: four `map(darts)` calls with different chunk sizes read
 * "map(darts) #1" ... "map(darts) #4" in the call table, on the timeline and in tooltips.
 */
import type { CallState } from '../core/run-model';

/** The label of every call by id: the call's own label, numbered when several share it. */
export function callLabels(calls: Iterable<CallState>): Map<number, string> {
  const list = [...calls];
  const counts = new Map<string, number>();
  for (const c of list) counts.set(c.start.label, (counts.get(c.start.label) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<number, string>();
  for (const c of list) {
    const label = c.start.label;
    if ((counts.get(label) ?? 0) < 2) {
      out.set(c.start.callId, label);
      continue;
    }
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    out.set(c.start.callId, `${label} #${n}`);
  }
  return out;
}
