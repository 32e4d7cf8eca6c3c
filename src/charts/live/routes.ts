/**
 * The live view as HTTP routes: `/charts` (the page) and `/charts/events` (server-sent events),
 * over any LiveSource. The daemon's status server mounts them through src/charts/live/provider.ts
 * (a source over the aggregator's StatusView); tests mount them over fixtures.
 */
import type { HttpRoute } from '../../io/status/http-server.js';
import type { LiveSnapshot, LiveTransition } from './model.js';
import { instanceCharts, renderLivePage, type InstanceChart } from './page.js';
import { createSseChannel, type SseChannel, type SseOptions } from '../../io/sse.js';

export type LiveUpdate = { readonly type: 'snapshot'; readonly snapshot: LiveSnapshot } | { readonly type: 'transition'; readonly transition: LiveTransition };

export interface LiveSource {
  snapshot(): LiveSnapshot;
  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (update: LiveUpdate) => void): () => void;
}

export interface LiveRoutes {
  readonly routes: readonly HttpRoute[];
  readonly channel: SseChannel;
  close(): void;
}

export function liveChartRoutes(
  source: LiveSource,
  title = 'keepalived-ts: live state charts',
  sse: Pick<SseOptions, 'maxClients' | 'heartbeatMs'> = {},
): LiveRoutes {
  const channel = createSseChannel({ ...sse, greeting: () => ({ event: 'snapshot', data: source.snapshot() }) });
  const off = source.subscribe((update) => {
    if (update.type === 'snapshot') channel.send('snapshot', update.snapshot);
    else channel.send('transition', update.transition);
  });
  // The charts only change with the set of instances: lay them out once per set; the page
  // itself is rendered per request so it is current even without JavaScript.
  let cached: { key: string; charts: Promise<InstanceChart[]> } | undefined;
  const page = async (): Promise<string> => {
    const snapshot = source.snapshot();
    const key = snapshot.instances.map((i) => i.name).join('\n');
    if (cached?.key !== key) cached = { key, charts: instanceCharts(snapshot.instances.map((i) => i.name)) };
    return renderLivePage({ title, snapshot, charts: await cached.charts, eventsUrl: '/charts/events' });
  };
  const routes: HttpRoute[] = [
    {
      path: '/charts',
      handle: async (_req, res) => {
        const html = await page();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
        res.end(res.req.method === 'HEAD' ? undefined : html);
      },
    },
    {
      path: '/charts/events',
      handle: (req, res) => {
        if (req.method === 'HEAD') return void res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' }).end();
        channel.handle(req, res);
      },
    },
  ];
  return {
    routes,
    channel,
    close() {
      off();
      channel.close();
    },
  };
}
