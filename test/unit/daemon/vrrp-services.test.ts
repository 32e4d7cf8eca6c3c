/**
 * The VRRP child's services around the subsystem (vrrp-services.ts), over in-memory ports and a
 * real subsystem on a VirtualNetwork: FIFOs open before the first transition, tracked scripts
 * feed the instance, notify scripts run with their configured user, SIGTERM writes STOP and waits
 * for the notifier only up to its bound, reload re-prepares scripts when script security changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scenario, lan, silentLogger } from '../actors/vrrp/harness.js';
import { loadConfig } from '../../../src/config/load.js';
import type { KeepalivedConfig } from '../../../src/config/model/index.js';
import { MemoryConfigHost } from '../../../src/sim/memory-config-host.js';
import { MemoryScriptRunner } from '../../../src/sim/tracking/memory-scripts.js';
import { MemoryFileWatcher, MemoryProcessWatcher } from '../../../src/sim/tracking/memory-watchers.js';
import { MemoryFifo, MemoryMailSender } from '../../../src/sim/notify/memory.js';
import { createVrrpSubsystem } from '../../../src/actors/vrrp/subsystem-impl.js';
import { nodeHmacMd5 } from '../../../src/io/crypto.js';
import { withTrackingAndNotifications } from '../../../src/cli/daemon/vrrp-services.js';
import type { VrrpSubsystem } from '../../../src/actors/vrrp/subsystem.js';

function parse(text: string): KeepalivedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces: ['lo', 'eth0'], hostname: 'node', users: [{ name: 'root', uid: 0, gid: 0 }, { name: 'nobody', uid: 65534, gid: 65534 }] });
  for (const path of ['/chk', '/rec']) host.addFile(path, '#!/bin/sh\n', 0o755);
  return loadConfig('keepalived.conf', { configId: 'node', allConfig: false, configTest: false }, host).config;
}

const text = (security = false) => `global_defs {
  router_id r1
  notification_email {
    ops@example.com
  }
  smtp_server 127.0.0.1
  vrrp_notify_fifo /run/f
  script_user root
  ${security ? 'enable_script_security' : ''}
}
vrrp_script chk {
  script "/chk"
  interval 1
  weight -20
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
  advert_int 1
  smtp_alert
  virtual_ipaddress {
    192.168.1.100/24
  }
  track_script {
    chk
  }
  notify_master "/rec master" nobody
  notify_stop "/rec stop"
}
`;

function compose(s: Scenario, stopWaitMs = 3_000) {
  const runner = new MemoryScriptRunner(s.clock);
  const fifo = new MemoryFifo();
  const mail = new MemoryMailSender();
  const prepared: boolean[] = [];
  const node = s.network.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
  let inner: VrrpSubsystem | undefined;
  const subsystem = withTrackingAndNotifications(
    (trackers) => (inner = createVrrpSubsystem(
      { clock: s.clock, random: s.random.fork('A'), logger: silentLogger, links: node.links, frames: node.frames, linkMonitor: node.linkMonitor, routingMonitor: node.addresses, addresses: node.addresses, hmacMd5: nodeHmacMd5 },
      { trackers, systemName: `services-${Math.random()}` },
    )),
    {
      clock: s.clock,
      logger: silentLogger,
      identity: { localName: 'node', userName: 'root' },
      scripts: runner,
      files: new MemoryFileWatcher(),
      processes: new MemoryProcessWatcher(),
      prepareScript: (global) => (script) => {
        prepared.push(global.enableScriptSecurity);
        return { ok: true, spec: { argv: [script.script?.command ?? ''], commandLine: script.script?.command ?? '', uid: 0, gid: 0, timeoutMs: 1000 } };
      },
      openFifos: () => [fifo],
      mailSender: (global) => (global.smtpServer ? mail : undefined),
      stopWaitMs,
    },
  );
  return { subsystem, runner, fifo, mail, prepared, inner: () => inner };
}

test('tracked script lowers the priority; notify scripts run as their user; STOP reaches the FIFO; everything closed after stop', async () => {
  const s = new Scenario();
  const c = compose(s);
  await c.subsystem.start(parse(text()));
  await s.advance(5_000);
  assert.equal(c.subsystem.status().instances[0]?.state, 'MASTER');
  assert.deepEqual(c.subsystem.status().tracked, { 'script:chk': { up: true } });
  const master = c.runner.runs.find((r) => r.argv[0] === '/rec');
  assert.deepEqual(master?.argv, ['/rec', 'master']);
  assert.equal(master?.uid, 65534, 'notify_master … nobody runs as nobody (runAs)');
  c.runner.script('/chk', { exitCode: 1 });
  await s.advance(2_000);
  assert.equal(c.subsystem.status().instances[0]?.effectivePriority, 80);
  const stopping = c.subsystem.stop({ releaseVips: true });
  await s.advance(100);
  await stopping;
  assert.deepEqual(c.fifo.lines, ['INSTANCE "VI_1" BACKUP 100', 'INSTANCE "VI_1" MASTER 100', 'INSTANCE "VI_1" STOP 80']);
  assert.ok(c.runner.runs.some((r) => r.argv.join(' ') === '/rec stop'));
  assert.equal(c.fifo.closed, true);
  assert.deepEqual(c.mail.sent.map((m) => m.subject), [
    '[r1] VRRP Instance VI_1 - Entering BACKUP state',
    '[r1] VRRP Instance VI_1 - Entering MASTER state',
    // Within the stop bound the STOP alert leaves too (keepalived's exit usually beats it).
    '[r1] VRRP Instance VI_1 - Stopping',
  ]);
  // The trackers are stopped: no more check runs.
  const runs = c.runner.runs.length;
  await s.advance(5_000);
  assert.equal(c.runner.runs.length, runs);
});

test('SIGTERM waits for a hung notify_stop script only up to the bound', async () => {
  const s = new Scenario();
  const c = compose(s, 3_000);
  c.runner.script('/rec', { hang: true });
  await c.subsystem.start(parse(text().replace('notify_stop "/rec stop"', 'notify_stop "/rec stop"\n  notify_backup "/rec backup"')));
  await s.advance(5_000);
  let stopped = false;
  const stopAt = s.clock.nowMs();
  void c.subsystem.stop({ releaseVips: true }).then(() => (stopped = true));
  await s.advance(2_900);
  assert.equal(stopped, false);
  await s.advance(200);
  assert.equal(stopped, true, `still stopping ${s.clock.nowMs() - stopAt} ms after SIGTERM`);
});

test('reload: a change of enable_script_security prepares the scripts again', async () => {
  const s = new Scenario();
  const c = compose(s);
  await c.subsystem.start(parse(text()));
  await s.advance(1_000);
  await c.subsystem.reload(parse(text()));
  assert.deepEqual(c.prepared, [false], 'same settings: the running check is kept');
  await c.subsystem.reload(parse(text(true)));
  assert.deepEqual(c.prepared, [false, true]);
  const stopping = c.subsystem.stop({ releaseVips: true });
  await s.advance(100);
  await stopping;
});
