/**
 * The HTTP pages, by provider. To add pages (e.g. `/charts`), write a provider next to the
 * feature and append it to ROUTE_PROVIDERS; nothing else changes.
 */
import type { StatusView } from '../../actors/aggregator/aggregator.js';
import type { Logger } from '../../ports/logger.js';
import { liveChartsProvider } from '../../charts/live/provider.js';
import { sendText, type HttpRoute } from './http-server.js';

export interface RouteContext {
  readonly view: StatusView;
  readonly log: Logger;
}

export type RouteProvider = (ctx: RouteContext) => readonly HttpRoute[];

/** Liveness, readiness (Master; `?instance=NAME` for one instance) and the status document. */
export const statusRoutes: RouteProvider = ({ view }) => [
  {
    path: '/healthz',
    handle: (_req, res) => {
      const doc = view.document();
      sendText(res, doc.live ? 200 : 503, doc.live ? 'ok\n' : 'down\n');
    },
  },
  {
    path: '/readyz',
    handle: (_req, res, url) => {
      const instance = url.searchParams.get('instance');
      const doc = view.document();
      let ready = doc.ready;
      if (instance !== null) {
        const health = view.instanceHealth(instance);
        if (health === undefined) return sendText(res, 404, 'unknown instance\n');
        ready = doc.live && health === 'MASTER';
      }
      sendText(res, ready ? 200 : 503, ready ? 'ready\n' : 'not ready\n');
    },
  },
  {
    path: '/status',
    handle: async (_req, res) => {
      await view.refresh?.();
      sendText(res, 200, `${view.json()}\n`, 'application/json');
    },
  },
];

/** Prometheus metrics; prom-client is loaded on the first scrape only. */
export const metricsRoutes: RouteProvider = ({ view }) => {
  let exporter: Promise<{ render(): Promise<{ body: string; contentType: string }> }> | undefined;
  return [
    {
      path: '/metrics',
      handle: async (_req, res) => {
        exporter ??= import('./metrics.js').then((m) => m.createMetricsExporter(view));
        const { body, contentType } = await (await exporter).render();
        sendText(res, 200, body, contentType);
      },
    },
  ];
};

/** `/charts`: the live state charts (src/charts/live/provider.ts; the page loads on first view). */
export const ROUTE_PROVIDERS: RouteProvider[] = [statusRoutes, metricsRoutes, liveChartsProvider];

export function buildRoutes(ctx: RouteContext, providers: readonly RouteProvider[] = ROUTE_PROVIDERS): HttpRoute[] {
  return providers.flatMap((provide) => provide(ctx));
}
