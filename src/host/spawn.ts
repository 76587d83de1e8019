/**
 * Starts a module worker from the app's own files, also from the run sandbox. A sandboxed
 * frame has an opaque origin: it may start workers only from blob URLs it made, and
 * Chromium refuses module workers from those (the worker fails before running). So there
 * the worker is a small classic blob script that imports the real module (a cross-origin
 * import, which the app's servers allow with CORS), holding the messages that arrive while
 * the module loads and handing them on once it has installed its listeners.
 */

/** The classic script that loads module `url` and then delivers the messages it held. */
function loaderScript(url: string): string {
  return `"use strict";
const held = [];
const hold = (e) => held.push(e);
self.addEventListener("message", hold);
import(${JSON.stringify(url)}).then(
  () => {
    self.removeEventListener("message", hold);
    for (const e of held) self.dispatchEvent(new MessageEvent("message", { data: e.data, ports: [...e.ports] }));
  },
  (error) => { throw new Error("the worker's code did not load: " + error); },
);`;
}

/** Starts the module worker at `url` (relative to the page), named `name` in dev tools. */
export function spawnModuleWorker(url: string, name: string): Worker {
  const absolute = new URL(url, document.baseURI).href;
  if (self.origin !== 'null') return new Worker(absolute, { type: 'module', name });
  const loader = new Blob([loaderScript(absolute)], { type: 'text/javascript' });
  const loaderUrl = URL.createObjectURL(loader);
  // The URL is read when the worker starts, which is soon but not at once.
  setTimeout(() => URL.revokeObjectURL(loaderUrl), 10_000);
  return new Worker(loaderUrl, { name });
}
