/** Shared by the live view's tests. */
import { createServer, type Server } from 'node:http';
import type { LiveSnapshot } from '../../../src/charts/live/model.js';
import type { HttpRoute } from '../../../src/io/status/http-server.js';

export const SNAPSHOT: LiveSnapshot = {
  instances: [
    { name: 'VI_1', state: 'BACKUP', basePriority: 100, effectivePriority: 80, syncGroup: 'G1', masterAddress: '10.0.0.2' },
    { name: 'VI 2', state: 'MASTER', basePriority: 150, effectivePriority: 150, syncGroup: null, masterAddress: null },
  ],
  tracked: [{ key: 'script:chk_web', up: false, value: null }],
  log: [{ at: '2026-01-01T00:00:00.000Z', instance: 'VI_1', from: 'INIT', to: 'BACKUP', cause: 'startup <script>' }],
};

export function serve(routes: readonly HttpRoute[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = routes.find((r) => r.path === url.pathname);
    if (route === undefined) return void res.writeHead(404).end();
    void route.handle(req, res, url);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
