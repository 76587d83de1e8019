import { afterEach, describe, expect, it } from 'vitest';
import { Namespace } from './namespace';

const g = globalThis as Record<string, unknown>;

describe(Namespace, () => {
  afterEach(() => {
    delete g.fanoutTestName;
  });

  it('lists the names anew after a clear, the empty list included', () => {
    const ns = new Namespace();
    g.fanoutTestName = 1;
    expect(ns.changedNames()).toEqual(['fanoutTestName']);
    expect(ns.changedNames()).toBeUndefined();
    ns.clear();
    // The reply to clear says the names are gone (a driver that cleared its own list early
    // may have taken a later reply's names meanwhile).
    expect(ns.changedNames()).toEqual([]);
    g.fanoutTestName = 2;
    expect(ns.changedNames()).toEqual(['fanoutTestName']);
    ns.clear();
    g.fanoutTestName = 3;
    // The same names as before the clear: listed, not taken as unchanged.
    expect(ns.changedNames()).toEqual(['fanoutTestName']);
  });
});
