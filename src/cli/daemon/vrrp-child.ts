/**
 * The VRRP child's composition: the real host ports (clock, randomness, VRRP links, frame
 * sender, netlink link monitor and address manager, HMAC-MD5) under the VRRP subsystem, with
 * the tracked objects and notifications around it (vrrp-services.ts): the real script runner,
 * the script preparer with keepalived's user and security checks, the inotify file watcher and
 * the proc-connector process watcher, the notify FIFOs and the SMTP sender.
 *
 * KEEPALIVED_TS_TEST_SUBSYSTEM=fake swaps in a TEST DOUBLE (fake-subsystem.ts) so the
 * daemon's process machinery can be tested without VRRP; it is documented as test-only, is
 * never set by keepalived-ts itself, and logs that it is a test double.
 *
 * The modules are imported lazily, so a process that never runs VRRP never loads them.
 */
import type { VrrpPorts, VrrpSubsystem } from '../../actors/vrrp/subsystem.js';
import type { Logger } from '../../ports/logger.js';

/** Test-only switch (see above). */
export const TEST_SUBSYSTEM_ENV = 'KEEPALIVED_TS_TEST_SUBSYSTEM';

export interface VrrpChildDeps {
  readonly logger: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `-u/--umask`: scripts inherit the daemon's umask in keepalived (default 0177). */
  readonly umask?: number | undefined;
}

export async function createVrrpSubsystemForChild(deps: VrrpChildDeps): Promise<VrrpSubsystem> {
  if (deps.env[TEST_SUBSYSTEM_ENV] === 'fake') {
    const { createFakeVrrpSubsystem } = await import('./fake-subsystem.js');
    return createFakeVrrpSubsystem(deps.logger, () => Date.now()); // port-ok: composition root: the test double gets the real wall clock
  }
  return createRealVrrpSubsystem(deps.logger, deps.umask);
}

async function createRealVrrpSubsystem(logger: Logger, umask: number | undefined): Promise<VrrpSubsystem> {
  const [impl, linkMod, frameMod, netlinkMod, cryptoMod, clockMod, randomMod, services, runnerMod, prepareMod, fileMod, processMod, fifoMod, smtpMod, os] = await Promise.all([
    import('../../actors/vrrp/subsystem-impl.js'),
    import('../../io/net/vrrp-link.js'),
    import('../../io/net/frame-sender.js'),
    import('../../io/net/netlink/index.js'),
    import('../../io/crypto.js'),
    import('../../io/clock.js'),
    import('../../io/random.js'),
    import('./vrrp-services.js'),
    import('../../io/scripts/runner.js'),
    import('../../io/scripts/prepare.js'),
    import('../../io/tracking/file-watcher.js'),
    import('../../io/tracking/process-watcher.js'),
    import('../../io/notify/fifos.js'),
    import('../../io/notify/smtp.js'),
    import('node:os'),
  ]);
  const clock = clockMod.createRealClock();
  const linkMonitor = await netlinkMod.createNetlinkLinkMonitor({ clock, logger });
  const ports: VrrpPorts = {
    clock,
    random: randomMod.createCryptoRandom(),
    logger,
    links: linkMod.createVrrpLinkFactory({ clock, logger }),
    frames: frameMod.createFrameSender(),
    linkMonitor,
    routingMonitor: netlinkMod.createNetlinkRoutingMonitor({ logger }),
    addresses: netlinkMod.createNetlinkAddressManager({ clock, logger }),
    hmacMd5: cryptoMod.nodeHmacMd5,
  };
  const scripts = runnerMod.createRealScriptRunner({ clock, umask });
  const localName = os.hostname();
  return services.withTrackingAndNotifications((trackers) => impl.createVrrpSubsystem(ports, { trackers }), {
    clock,
    logger,
    identity: { localName, userName: os.userInfo().username },
    scripts,
    files: fileMod.createRealFileWatcher(),
    processes: processMod.createRealProcessWatcher({
      onMode: (mode, reason) => logger.debug(`tracking processes with ${mode === 'connector' ? 'the proc connector' : '/proc scans'}${reason ? ` (${reason})` : ''}`),
    }),
    prepareScript: (global) => prepareMod.createScriptPreparer({ global, logger }),
    openFifos: (global) => fifoMod.openVrrpNotifyFifos(global, scripts, logger),
    mailSender: (global) =>
      global.smtpServer === undefined
        ? undefined
        : new smtpMod.SmtpMailSender(
          { host: global.smtpServer.host, port: global.smtpServer.port, heloName: global.smtpHeloName ?? localName, connectTimeoutMs: global.smtpConnectTimeoutMs },
          logger,
        ),
  });
}
