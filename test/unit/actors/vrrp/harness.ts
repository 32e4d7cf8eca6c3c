/**
 * Scenario harness: several nodes on a VirtualNetwork, each running a real VRRP subsystem over
 * in-memory ports, on one VirtualClock (fractional ms, exact). Between timers the harness lets
 * promises settle and nact's mailboxes (real setImmediate) drain, so crash/restart round trips
 * complete at the virtual instant they happen.
 */
import assert from 'node:assert/strict';
import { loadConfig } from '../../../../src/config/load.js';
import type { KeepalivedConfig } from '../../../../src/config/model/index.js';
import { MemoryConfigHost } from '../../../../src/sim/memory-config-host.js';
import { SeededRandom, VirtualClock } from '../../../../src/sim/virtual-time.js';
import { VirtualNetwork } from '../../../../src/sim/net/index.js';
import type { InterfaceInit, VirtualNode } from '../../../../src/sim/net/index.js';
import { nodeHmacMd5 } from '../../../../src/io/crypto.js';
import { createVrrpSubsystem } from '../../../../src/actors/vrrp/subsystem-impl.js';
import type { VrrpSubsystemOptions } from '../../../../src/actors/vrrp/subsystem-impl.js';
import type { VrrpEvent, VrrpSubsystem } from '../../../../src/actors/vrrp/subsystem.js';
import { UNPREFIXED_FIELD } from '../../../../src/ports/logger.js';
import type { Logger } from '../../../../src/ports/logger.js';

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

/**
 * A logger that keeps the console's info (and worse) lines, "(VI_1) message" as keepalived words
 * them, in `lines` (with `node: ` in front when given).
 */
/** Lines as keepalived's console writes them; debug ones (its `-D` detail) only with `detail`. */
export function linesLogger(lines: string[], node?: string, fields: Readonly<Record<string, unknown>> = {}, detail = false): Logger {
  const keep = (message: string, more?: Readonly<Record<string, unknown>>): void => {
    const instance = fields['instance'];
    const prefixed = typeof instance === 'string' && more?.[UNPREFIXED_FIELD] !== true;
    lines.push(`${node === undefined ? '' : `${node}: `}${prefixed ? `(${instance}) ` : ''}${message}`);
  };
  return {
    debug: detail ? keep : () => {},
    info: keep,
    warn: keep,
    error: keep,
    child: (more) => linesLogger(lines, node, { ...fields, ...more }, detail),
  };
}

export function parseConfig(text: string, interfaces: readonly string[] = ['lo', 'eth0', 'eth1']): KeepalivedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files: { 'keepalived.conf': text }, interfaces, hostname: 'node' });
  const loaded = loadConfig('keepalived.conf', { configId: 'node', allConfig: false, configTest: false }, host);
  // keepalived's fix-up messages (general error, warning, deprecated) are fine; syntax errors are test bugs.
  const tolerated: readonly number[] = [0, 13, 14, 15];
  assert.ok(tolerated.includes(loaded.diagnostics.status), `config refused: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.config;
}

export interface SimNode {
  readonly name: string;
  readonly node: VirtualNode;
  readonly subsystem: VrrpSubsystem;
  readonly events: VrrpEvent[];
}

type StateEvent = Extract<VrrpEvent, { readonly type: 'instance-state' }>;

let systems = 0;

export class Scenario {
  readonly clock = new VirtualClock();
  readonly network = new VirtualNetwork(this.clock);
  readonly random: SeededRandom;
  readonly nodes = new Map<string, SimNode>();
  /** Every event of every node, as `time node type details`. */
  readonly trace: string[] = [];
  /** Every node's log lines of level info and above (debug too with `detail`), as `node: (VI_1) message`. */
  readonly lines: string[] = [];

  constructor(seed = 1, private readonly detail = false) {
    this.random = new SeededRandom(seed);
  }

  addNode(name: string, interfaces: readonly InterfaceInit[], options: VrrpSubsystemOptions = {}): SimNode {
    return this.restartNode(this.network.addNode(name, interfaces), options);
  }

  /** A new subsystem on an existing node (a daemon restart: the node's addresses stay). */
  restartNode(node: VirtualNode, options: VrrpSubsystemOptions = {}): SimNode {
    const name = node.name;
    const subsystem = createVrrpSubsystem(
      {
        clock: this.clock,
        random: this.random.fork(name),
        logger: linesLogger(this.lines, name, {}, this.detail),
        links: node.links,
        frames: node.frames,
        linkMonitor: node.linkMonitor,
        routingMonitor: node.addresses,
        addresses: node.addresses,
        hmacMd5: nodeHmacMd5,
      },
      { systemName: `sim-${++systems}-${name}`, ...options },
    );
    const events: VrrpEvent[] = [];
    subsystem.subscribe((event) => {
      events.push(event);
      this.trace.push(`${event.atMs.toFixed(3)} ${name} ${describe(event)}`);
    });
    const sim = { name, node, subsystem, events };
    this.nodes.set(name, sim);
    return sim;
  }

  node(name: string): SimNode {
    const sim = this.nodes.get(name);
    assert.ok(sim, `no node ${name}`);
    return sim;
  }

  /** Fires timers one at a time up to now + ms, settling promises and mailboxes after each. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.nowMs() + ms;
    await settle();
    for (;;) {
      const due = this.clock.nextDueMs();
      if (due === undefined || due > target) break;
      this.clock.runNext();
      await settle();
    }
    this.clock.advanceTo(target);
    await settle();
  }

  /** The instance's state on a node. */
  state(node: string, instance: string): string | undefined {
    return this.node(node).subsystem.status().instances.find((i) => i.name === instance)?.state;
  }

  /** First transition of `instance` on `node` to `to` at or after `afterMs`. */
  transition(node: string, instance: string, to: string, afterMs = 0): StateEvent | undefined {
    return this.node(node).events.find((e): e is StateEvent => e.type === 'instance-state' && e.instance === instance && e.to === to && e.atMs >= afterMs);
  }
}

/** Lets promises settle and nact's setImmediate-driven mailboxes drain. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function describe(event: VrrpEvent): string {
  switch (event.type) {
    case 'instance-state': return `${event.instance} ${event.from}->${event.to} prio ${event.priority} (${event.reason})`;
    case 'group-state': return `group ${event.group} ${event.from}->${event.to}`;
    case 'priority': return `${event.instance} priority ${event.priority}`;
    case 'master-rx-lower-pri': return `${event.instance} master-rx-lower-pri ${event.priority}`;
    case 'actor-restarted':
    case 'actor-escalated':
      return `${event.type} ${event.actor}: ${event.reason}`;
  }
}

export function lan(ip: string, mac: string, extra: Partial<InterfaceInit> = {}): InterfaceInit {
  return { name: 'eth0', mac, addresses: [{ family: 'ipv4', address: ip, prefixLength: 24 }], ...extra };
}

/** A typical two-router instance. */
export function instanceConfig(options: {
  readonly name?: string;
  readonly vrid?: number;
  readonly priority?: number;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly vips?: readonly string[];
  readonly extra?: string;
  readonly global?: string;
}): string {
  const vips = options.vips ?? ['192.168.1.100/24'];
  return `global_defs {
  ${options.global ?? ''}
}
vrrp_instance ${options.name ?? 'VI_1'} {
  state ${options.state ?? 'BACKUP'}
  interface eth0
  virtual_router_id ${options.vrid ?? 51}
  ${options.priority === undefined ? '' : `priority ${options.priority}`}
  advert_int 1
  virtual_ipaddress {
    ${vips.join('\n    ')}
  }
  ${options.extra ?? ''}
}
`;
}
