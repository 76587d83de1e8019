import { describe, expect, it } from 'vitest';
import type { CallState } from '../core/run-model';
import { callLabels } from './call-labels';

function call(callId: number, label: string): CallState {
  return {
    start: {
      type: 'call-start',
      callId,
      kind: 'balanced-map',
      label,
      total: 1,
      items: 1,
      targets: [0],
      time: callId,
    },
    dispatched: 0,
    completed: 0,
    itemsSent: 0,
    itemsDone: 0,
  };
}

describe(callLabels, () => {
  it('numbers calls that share a label and leaves unique labels alone', () => {
    const labels = callLabels([
      call(1, 'scatter(x)'),
      call(2, 'map(darts)'),
      call(3, 'map(darts)'),
      call(4, 'gather(y)'),
      call(5, 'map(darts)'),
    ]);
    expect([...labels.values()]).toEqual([
      'scatter(x)',
      'map(darts) #1',
      'map(darts) #2',
      'gather(y)',
      'map(darts) #3',
    ]);
  });
});
