/**
 * Cross-origin isolation (SharedArrayBuffer, 5 us timers) wherever Fanout is hosted. A host
 * that sends COOP/COEP isolates the page itself; on a static host that cannot (GitHub
 * Pages), the page registers `coi-sw.js`, a service worker that adds the headers, and
 * reloads once through it. Without either the app still runs, and the badge says what is
 * slower. https://web.dev/articles/coop-coep
 */

/** How the page is (or is not) cross-origin isolated, and why. */
export type Isolation =
  { kind: 'headers' } | { kind: 'service-worker' } | { kind: 'none'; reason: string };

/** The service worker's file, next to index.html in dist/ (copied from public/). */
const WORKER_FILE = 'coi-sw.js';
/** Set just before the one reload through the service worker, so a failure cannot loop. */
const RELOAD_KEY = 'fanout:isolation-reload';

/**
 * Resolves with the page's isolation once it is settled. When the page is about to reload
 * through the service worker it never resolves: the page is being replaced. In an iframe
 * (`embedded`) the service worker is registered for later loads but the page does not
 * reload, since an embed in a host page that is not isolated cannot be isolated anyway.
 */
export async function settleIsolation(embedded: boolean): Promise<Isolation> {
  try {
    return await isolate(embedded);
  } catch (e) {
    // Isolation is an optimisation: whatever went wrong, the app runs without it.
    return none(`the isolation check failed (${describe(e)})`);
  }
}

async function isolate(embedded: boolean): Promise<Isolation> {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  const ours = isOurs(container?.controller);
  if (crossOriginIsolated) {
    forgetReload();
    return { kind: ours ? 'service-worker' : 'headers' };
  }
  if (!isSecureContext) {
    return none('the page is not served over HTTPS, so it cannot be isolated');
  }
  if (!container) return none('this browser offers no service workers here');
  if (ours) {
    forgetReload();
    return none(
      embedded
        ? 'the page embedding it is not cross-origin isolated'
        : 'the service worker did not isolate the page',
    );
  }
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await container.register(new URL(WORKER_FILE, document.baseURI), {
      scope: './',
    });
  } catch (e) {
    return none(`the service worker could not be installed (${describe(e)})`);
  }
  // Automation tools that block service workers resolve with nothing instead of failing.
  if (!(registration instanceof ServiceWorkerRegistration)) {
    return none('the service worker could not be installed (service workers are blocked)');
  }
  if (embedded) return none('the page embedding it is not cross-origin isolated');
  if (reloadedBefore()) {
    forgetReload();
    return none('reloading through the service worker did not isolate the page');
  }
  if (!(await activated(registration))) {
    return none('the service worker did not start in time');
  }
  rememberReload();
  location.reload();
  return new Promise<never>(() => undefined);
}

/** What the badge says, and its tooltip: what is isolated, or what is slower and why. */
export function describeIsolation(isolation: Isolation): { text: string; title: string } {
  switch (isolation.kind) {
    case 'headers':
      return {
        text: 'cross-origin isolated',
        title: 'SharedArrayBuffer and fine-grained timers are available.',
      };
    case 'service-worker':
      return {
        text: 'cross-origin isolated (service worker)',
        title:
          "This host sends no COOP/COEP headers; Fanout's service worker (coi-sw.js) adds them, so SharedArrayBuffer and fine-grained timers are available.",
      };
    case 'none':
      return {
        text: 'not isolated: coarse timers, slower balancing',
        title:
          `Not cross-origin isolated: ${isolation.reason}. Every script still runs, but ` +
          'timers are coarse (0.1 ms instead of 5 us), so short tasks are timed less precisely; ' +
          'an idle worker cannot take back a task queued behind a busy one, so load-balanced ' +
          'maps with uneven tasks finish later; and scripts cannot use SharedArrayBuffer. ' +
          'README "Deploying" says how to serve Fanout isolated.',
      };
  }
}

function none(reason: string): Isolation {
  return { kind: 'none', reason };
}

function isOurs(worker: ServiceWorker | null | undefined): boolean {
  return worker?.scriptURL.endsWith(`/${WORKER_FILE}`) ?? false;
}

/** Resolves true when the registration's worker is active, false after a few seconds. */
function activated(registration: ServiceWorkerRegistration): Promise<boolean> {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  if (!worker) return Promise.resolve(false);
  if (worker.state === 'activated') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') {
        clearTimeout(timer);
        resolve(true);
      } else if (worker.state === 'redundant') {
        clearTimeout(timer);
        resolve(false);
      }
    });
  });
}

function reloadedBefore(): boolean {
  try {
    return sessionStorage.getItem(RELOAD_KEY) !== null;
  } catch {
    return true; // No storage to guard the reload with: do not risk a loop.
  }
}

function rememberReload(): void {
  try {
    sessionStorage.setItem(RELOAD_KEY, '1');
  } catch {
    // reloadedBefore() already refused when storage is unavailable.
  }
}

function forgetReload(): void {
  try {
    sessionStorage.removeItem(RELOAD_KEY);
  } catch {
    // Nothing was stored.
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
