/**
 * The live view in the daemon: `/charts` and `/charts/events` on the status HTTP server
 * (ROUTE_PROVIDERS), fed by the aggregator (StatusView.subscribe).
 *
 * Light until used: the provider runs only when status HTTP opens, and it only keeps the
 * transition log (from then on, seeded with each instance's last transition). The page, the
 * Graphviz charts and the event channel load on the first request for /charts.
 *
 * Server-sent event streams are long-lived: they get their own cap (MAX_VIEWERS, well below the
 * server's connection limit, so probes and scrapes always find room), a heartbeat, and are
 * dropped when the client goes or the server closes.
 */
import type { AggregatorMessage, StatusView } from '../../actors/aggregator/aggregator.js';
import type { StatusDocument } from '../../actors/aggregator/document.js';
import type { HttpRoute } from '../../io/status/http-server.js';
import type { RouteProvider } from '../../io/status/routes.js';
import { fromStatusDocument, lastTransitions, type LiveSnapshot, type LiveTransition } from './model.js';
import type { LiveRoutes, LiveSource, LiveUpdate } from './routes.js';

/** Live viewers at once; the status server accepts 64 connections in all. */
export const MAX_VIEWERS = 8;
export const HEARTBEAT_MS = 15_000;
const MAX_LOG = 200;

export interface StatusLiveSource extends LiveSource {
  close(): void;
}

/**
 * A LiveSource over the aggregator: each instance transition (with its reason) as a
 * `transition`, and a `snapshot` whenever what the page shows (states, priorities, master,
 * tracked objects) changed — not on every once-a-second status poll.
 */
export function statusLiveSource(view: StatusView, maxLog = MAX_LOG): StatusLiveSource {
  const log: LiveTransition[] = lastTransitions(view.document()).sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const listeners = new Set<(update: LiveUpdate) => void>();
  const snapshot = (): LiveSnapshot => fromStatusDocument(view.document(), [...log]);
  const shown = (doc: StatusDocument): string => {
    const s = fromStatusDocument(doc);
    return JSON.stringify([s.instances, s.tracked]);
  };
  let last = shown(view.document());
  const emit = (update: LiveUpdate): void => listeners.forEach((l) => l(update));
  const transition = (doc: StatusDocument, message: AggregatorMessage): LiveTransition | undefined => {
    if (message.type !== 'vrrp-event') return undefined;
    const e = message.event;
    if (e.type === 'instance-state') {
      const at = doc.instances.find((i) => i.name === e.instance)?.lastTransition?.at ?? doc.updatedAt;
      return { at, instance: e.instance, from: e.from, to: e.to, cause: e.reason };
    }
    if (e.type === 'group-state') {
      const at = doc.syncGroups.find((g) => g.name === e.group)?.lastTransition?.at ?? doc.updatedAt;
      return { at, instance: `${e.group} (sync group)`, from: e.from, to: e.to, cause: null };
    }
    return undefined;
  };
  const off = view.subscribe((message) => {
    const doc = view.document();
    const t = transition(doc, message);
    if (t !== undefined) {
      log.push(t);
      if (log.length > maxLog) log.splice(0, log.length - maxLog);
      emit({ type: 'transition', transition: t });
    }
    const now = shown(doc);
    if (now !== last) {
      last = now;
      // Nobody listening: nothing to render.
      if (listeners.size > 0) emit({ type: 'snapshot', snapshot: snapshot() });
    }
  });
  return {
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      off();
      listeners.clear();
    },
  };
}

/** The provider in ROUTE_PROVIDERS. */
export const liveChartsProvider: RouteProvider = ({ view, log }) => {
  const source = statusLiveSource(view);
  let live: Promise<LiveRoutes> | undefined;
  let closed = false;
  const load = (): Promise<LiveRoutes> =>
    (live ??= import('./routes.js').then((m) => {
      const routes = m.liveChartRoutes(source, 'keepalived-ts: live state charts', { maxClients: MAX_VIEWERS, heartbeatMs: HEARTBEAT_MS });
      if (closed) routes.close();
      return routes;
    }));
  const delegate = (path: string): HttpRoute['handle'] => async (req, res, url) => {
    const routes = await load();
    const route = routes.routes.find((r) => r.path === path);
    if (route === undefined) throw new Error(`live view has no ${path}`);
    await route.handle(req, res, url);
  };
  return [
    { path: '/charts', handle: delegate('/charts') },
    {
      path: '/charts/events',
      handle: delegate('/charts/events'),
      close() {
        closed = true;
        source.close();
        void live?.then((routes) => routes.close()).catch((err: unknown) => log.debug(`live view: ${String(err)}`));
      },
    },
  ];
};
