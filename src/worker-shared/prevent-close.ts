/** Keeps user code from closing the worker it runs in. */
/**
 * Replaces `close()` of the worker's global scope (and its prototype's) with one that
 * throws: a worker that closes itself stops answering, and the run would wait for it.
 */
export function preventClose(who: 'engine' | 'script'): void {
  const refuse = () => {
    throw new Error(
      `close() would end this ${who === 'engine' ? 'engine' : "script's worker"} and leave the run waiting: return from the ${who === 'engine' ? 'function' : 'script'} instead`,
    );
  };
  for (
    let o: object | null = globalThis;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    if (Object.prototype.hasOwnProperty.call(o, 'close')) {
      try {
        Object.defineProperty(o, 'close', { value: refuse, configurable: false, writable: false });
      } catch {
        // Already replaced (a second run in the same worker): nothing to do.
      }
    }
  }
}
