import { describe, expect, it } from 'vitest';
import type { EmbedEvent } from '../protocol/embed';
import type { AutomationApi, RunLifecycleEvent, RunReport } from '../protocol/messages';
import { EmbedBridge, type EmbedBridgeOptions } from './embed-bridge';

const HOST = {};
const REPORT: RunReport = { ok: true, workers: 1, wall: 1, output: [], calls: [] };

/** A bridge over a fake page: what it posted, and what the page was asked to do. */
function setup(allowedOrigins: EmbedBridgeOptions['allowedOrigins'] = 'any') {
  const posted: { message: EmbedEvent; target: string }[] = [];
  const calls: string[] = [];
  let listener: ((e: RunLifecycleEvent) => void) | undefined;
  const api = {
    ready: Promise.resolve(),
    run: (options?: { code?: string }) => {
      calls.push(`run ${options?.code ?? ''}`);
      listener?.({ type: 'run-start', runId: 1 });
      listener?.({ type: 'run-end', runId: 1, report: REPORT });
      return Promise.resolve(REPORT);
    },
    stop: () => calls.push('stop'),
    setCode: (code: string) => calls.push(`code ${code}`),
    setWorkers: (w: number | 'auto') => calls.push(`workers ${w}`),
    snapshot: () => undefined,
    subscribe: (l: (e: RunLifecycleEvent) => void) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as AutomationApi;
  const bridge = new EmbedBridge({
    api,
    allowedOrigins,
    post: (message, target) => posted.push({ message, target }),
    isHost: (source) => source === HOST,
    hardwareThreads: 2,
    crossOriginIsolated: false,
    workers: () => 'auto',
  });
  return { bridge, posted, calls };
}

describe(EmbedBridge, () => {
  it('ignores messages that do not come from the host page', () => {
    const { bridge, posted, calls } = setup();
    bridge.receive({ data: { type: 'fanout:stop' }, origin: 'https://a.example', source: {} });
    expect(posted).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('acknowledges requests to the sender, and streams runs to it', async () => {
    const { bridge, posted, calls } = setup();
    bridge.receive({
      data: { type: 'fanout:load', id: 1, code: 'print(1)' },
      origin: 'https://a.example',
      source: HOST,
    });
    bridge.receive({
      data: { type: 'fanout:run', id: 2 },
      origin: 'https://a.example',
      source: HOST,
    });
    await Promise.resolve();
    expect(calls).toEqual(['code print(1)', 'run ']);
    expect(posted.map((p) => [p.message.type, p.target])).toEqual([
      ['fanout:ack', 'https://a.example'],
      ['fanout:run-start', 'https://a.example'],
      ['fanout:report', 'https://a.example'],
    ]);
    expect(posted[2]?.message).toMatchObject({ id: 2, runId: 1, report: REPORT });
  });

  it('refuses other origins when restricted, and announces itself to the allowed one', () => {
    const { bridge, posted, calls } = setup(['https://a.example']);
    bridge.announce();
    bridge.receive({ data: { type: 'fanout:stop' }, origin: 'https://b.example', source: HOST });
    bridge.receive({ data: { type: 'fanout:stop' }, origin: 'null', source: HOST });
    expect(calls).toEqual([]);
    expect(posted.map((p) => [p.message.type, p.target])).toEqual([
      ['fanout:ready', 'https://a.example'],
      ['fanout:error', 'https://b.example'],
    ]);
  });

  it('answers an opaque-origin host with "*" only when unrestricted', () => {
    const { bridge, posted } = setup();
    bridge.receive({ data: { type: 'fanout:hello', id: 'h' }, origin: 'null', source: HOST });
    expect(posted).toEqual([
      {
        message: {
          type: 'fanout:ready',
          id: 'h',
          version: 1,
          crossOriginIsolated: false,
          hardwareThreads: 2,
          workers: 'auto',
        },
        target: '*',
      },
    ]);
  });

  it('survives a host window that throws on postMessage', () => {
    const { bridge } = setup();
    const throwing = new EmbedBridge({
      ...(bridge as unknown as { options: EmbedBridgeOptions }).options,
      post: () => {
        throw new Error('gone');
      },
    });
    expect(() =>
      throwing.receive({ data: 'junk', origin: 'https://a.example', source: HOST }),
    ).not.toThrow();
  });
});
