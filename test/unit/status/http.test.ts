import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { openStatusHttp, sendText, type StatusHttpServer } from '../../../src/io/status/http-server.js';
import { buildRoutes, ROUTE_PROVIDERS, type RouteProvider } from '../../../src/io/status/routes.js';
import { instance, runningAggregator } from './fixtures.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('status HTTP', () => {
  let server: StatusHttpServer;
  const agg = runningAggregator([instance('VI_1', 'MASTER'), instance('VI_2', 'BACKUP')], { syncGroups: [{ name: 'G1', state: 'MASTER', members: ['VI_1'] }], tracked: { 'script:chk': { up: true } } });
  // Another feature's pages plug in as a provider (how /charts is meant to be added).
  const extra: RouteProvider = () => [{ path: '/extra/', handle: (_req, res, url) => sendText(res, 200, url.pathname) }];

  before(async () => {
    server = await openStatusHttp({ host: '127.0.0.1', port: 0, routes: buildRoutes({ view: agg, log: quiet }, [...ROUTE_PROVIDERS, extra]), log: quiet });
  });
  after(() => server.close());

  it('answers liveness, readiness and the status document', async () => {
    const port = server.address.port;
    assert.deepEqual(await get(port, '/healthz'), { status: 200, type: 'text/plain; charset=utf-8', body: 'ok\n' });
    assert.equal((await get(port, '/readyz')).status, 200);
    assert.equal((await get(port, '/readyz?instance=VI_2')).status, 503);
    assert.equal((await get(port, '/readyz?instance=nope')).status, 404);
    const status = await get(port, '/status');
    assert.equal(status.type, 'application/json');
    assert.equal(JSON.parse(status.body).health, 'MASTER');
    assert.equal((await get(port, '/nope')).status, 404);
    assert.equal((await get(port, '/status', 'POST')).status, 405);
    assert.deepEqual(await get(port, '/extra/a/b'), { status: 200, type: 'text/plain; charset=utf-8', body: '/extra/a/b' });
  });

  it('serves Prometheus metrics named like the keepalived exporters', async () => {
    const { status, type, body } = await get(server.address.port, '/metrics');
    assert.equal(status, 200);
    assert.match(type, /^text\/plain; version=0\.0\.4/);
    for (const line of [
      'keepalived_up 1',
      'keepalived_vrrp_state{iname="VI_1",intf="eth0",vrid="51"} 2',
      'keepalived_vrrp_state{iname="VI_2",intf="eth0",vrid="51"} 1',
      'keepalived_vrrp_instance_state{iname="VI_1",intf="eth0",vrid="51",state="MASTER"} 1',
      'keepalived_vrrp_instance_state{iname="VI_1",intf="eth0",vrid="51",state="BACKUP"} 0',
      'keepalived_vrrp_effective_priority{iname="VI_1",intf="eth0",vrid="51"} 100',
      'keepalived_advertisements_sent_total{iname="VI_1",intf="eth0",vrid="51"} 7',
      'keepalived_advertisements_received_total{iname="VI_1",intf="eth0",vrid="51"} 3',
      'keepalived_authentication_failure_total{iname="VI_1",intf="eth0",vrid="51"} 1',
      'keepalived_vrrp_packet_errors_total{iname="VI_1",intf="eth0",vrid="51",reason="advert_interval_err"} 2',
      'keepalived_vrrp_sync_group_state{group="G1",state="MASTER"} 1',
      'keepalived_script_status{name="chk"} 1',
      'keepalived_subsystem_up{subsystem="vrrp"} 1',
      'keepalived_subsystem_restarts_total{subsystem="vrrp"} 0',
    ]) {
      assert.ok(body.split('\n').includes(line), `missing: ${line}`);
    }
    assert.match(body, /# TYPE keepalived_advertisements_sent_total counter/);
  });
});
