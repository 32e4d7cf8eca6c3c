import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChart } from '../../../src/cli/commands/chart.js';
import { loadConfig } from '../../../src/config/load.js';
import { MemoryConfigHost } from '../../../src/sim/memory-config-host.js';
import type { ChartBundle } from '../../../src/charts/model.js';
import { checkMermaidState } from '../../support/mermaid-state.js';
import { parseXml } from '../../support/xml.js';

const CONF = `
global_defs {
  enable_script_security
  script_user root
}
vrrp_script chk_web {
  script "/bin/true"
  interval 2
  weight -20
  rise 2
  fall 3
}
vrrp_track_file maint {
  file "/run/maint"
  weight 0
}
vrrp_track_process nginx {
  process nginx
  quorum 2
  weight -10
}
vrrp_sync_group G1 {
  group {
    VI_1
    VI_2
  }
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 150
  virtual_ipaddress {
    10.0.0.1/24
  }
  track_script {
    chk_web
  }
  track_interface {
    eth1 weight -30
  }
  track_file {
    maint
  }
}
vrrp_instance VI_2 {
  interface eth1
  virtual_router_id 52
  priority 100
  virtual_ipaddress {
    10.0.1.1/24
  }
  track_process {
    nginx weight -5
  }
  track_script {
    chk_web weight -7
  }
}
`;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), prog: 'keepalived-ts' }, out, err };
}

const load = async (file: string, configId: string) => {
  const host = new MemoryConfigHost({ files: { [file]: CONF }, interfaces: ['lo', 'eth0', 'eth1'] }).addFile('/bin/true', '', 0o755);
  return loadConfig(file, { configId, allConfig: false, configTest: true }, host);
};

test('chart -f: instances, sync group, tracked objects with weights, supervision tree', async () => {
  const { ctx, out, err } = io();
  assert.equal(await runChart(['-f', '/etc/keepalived/keepalived.conf', '--format', 'json'], ctx, { load }), 0, err.join(''));
  const bundle = JSON.parse(out.join('')) as ChartBundle;
  const [config, supervision] = bundle.charts;
  const label = (id: string) => config!.nodes.find((n) => n.id === id)?.label;
  const edges = config!.edges.map((e) => `${label(e.from)} -${e.label.join(' ')}-> ${label(e.to)}`).sort();
  assert.deepEqual(edges, [
    'G1 -member-> VI_1',
    'G1 -member-> VI_2',
    'chk_web -weight -20-> VI_1',
    'chk_web -weight -7-> VI_2',
    'eth0 -failure → FAULT-> VI_1',
    'eth1 -failure → FAULT-> VI_2',
    'eth1 -weight -30-> VI_1',
    'maint -failure → FAULT-> VI_1',
    'nginx -weight -5-> VI_2',
  ]);
  assert.deepEqual(config!.nodes.find((n) => n.label === 'VI_1')?.detail, ['VRID 51 on eth0', 'priority 150']);
  const actors = supervision!.nodes.filter((n) => n.kind === 'actor').map((n) => n.label).sort();
  assert.deepEqual(actors, ['VI_1', 'VI_2', 'file maint', 'process nginx', 'script chk_web', 'sync-group.G1']);
});

test('chart -f in svg and mermaid', async () => {
  for (const format of ['svg', 'mermaid', 'dot']) {
    const { ctx, out } = io();
    assert.equal(await runChart(['-f', '/k.conf', '-F', format], ctx, { load }), 0);
    const text = out.join('');
    if (format === 'svg') parseXml(text);
    if (format === 'mermaid') checkMermaidState(text);
    assert.match(text, /VI_1/);
    assert.match(text, /chk_web/);
  }
});

test('chart --machine … -o FILE writes the file; bad arguments exit 1 with usage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-'));
  try {
    const { ctx, out } = io();
    assert.equal(await runChart(['--machine', 'sync-group', '--format=dot', '-o', join(dir, 'g.dot')], ctx), 0);
    assert.deepEqual(out, []);
    assert.match(readFileSync(join(dir, 'g.dot'), 'utf8'), /^digraph "vrrpSyncGroup"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const bad of [['--machine', 'nope'], ['--format', 'png'], ['--wat'], ['-o']]) {
    const { ctx, err } = io();
    assert.equal(await runChart(bad, ctx), 1);
    assert.match(err.join(''), /Usage: keepalived-ts chart/);
  }
  const { ctx, out } = io();
  assert.equal(await runChart(['--machine', 'supervisor', '-F', 'mermaid'], ctx), 0);
  assert.match(out.join(''), /generation-N supervisor/);
});
