/**
 * Coverage matrix of the interop suite (test/lab/interop-*.test.ts), every cell run in both roles
 * (ours master / keepalived backup and the reverse); "timing" = measured on the wire against the
 * RFC bound (Master_Down_Interval after SIGKILL or link down, Skew_Time after priority 0):
 *
 *   wire variant                  | election+VIP | GARP/NA | SIGKILL | preempt | SIGTERM/prio 0 | nopreempt | wrong key | link down
 *   v2 IPv4 mcast, no auth, 1 s   |      x       |  GARP   | timing  |    x    |     timing     |           |           |  timing
 *   v2 IPv4 mcast, PASS, 1 s      |      x       |  GARP   | timing  |    x    |     timing     |           |  counted  |
 *   v2 IPv4 mcast, AH, 1 s        |      x       |  GARP   | timing  | x (seq) |     timing     |           |  counted  |
 *   v2 IPv4 unicast, PASS, 1 s    |      x       |  GARP   | timing  |    x    |     timing     |           |           |
 *   v3 IPv4 mcast, 0.1/0.2 s      |      x       |  GARP   | timing  |         |                |     x     |           |  timing
 *   v3 IPv4 unicast, 0.2 s        |      x       |  GARP   | timing  |    x    |     timing     |           |           |
 *   v3 IPv6 mcast, 1 s            |      x       |   NA    | timing  |    x    |     timing     |           |           |
 *   v3 IPv6 unicast, 0.2 s        |      x       |   NA    | timing  |    x    |     timing     |           |           |
 *
 * Files: failover-v2 (row 1), failover-v3-ipv6 (row 7), unicast (rows 4, 6, 8), auth (rows 2, 3
 * and the wrong keys: ours vs keepalived, each side's stats file), preempt (row 5, nopreempt),
 * fault (rows 1 and 5, link down). Not covered: VRRPv2 over IPv6 (not in RFC 3768), AH with
 * unicast, VMAC, sync groups and tracking against keepalived.
 *
 * Interop lab support: two VRRP peers — our daemon (the bundled bin/keepalived-ts.js) and
 * Debian's keepalived 2.2.7 — in namespaces of their own, joined by a bridge in a third "switch"
 * namespace so that taking one peer's link down does not take the other's carrier with it (a
 * bare veth pair would). tcpdump captures on the switch port of one peer, which sees every frame
 * between the two, and our codec decodes and validates what it captured: the wire is the proof,
 * the logs only tell us when to look.
 *
 * Every segment, process and file is private to the test that made it and is removed by
 * `Segment.dispose` (processes are killed by pid, namespaces deleted).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Netns } from './lab.js';
import { DaemonProcess } from './keepalived.js';
import { ethernetPayload, readPcap } from './pcap.js';
import {
  decodeAdvert, formatIPv4, formatIPv6, formatMac, makeReceiveContext, passwordAuthData, receiveAdvert,
  type Advertisement, type ReceiveContext, type ReceivedPacket,
} from '../../src/protocol/index.js';
import { nodeHmacMd5 } from '../../src/io/crypto.js';

const BIN = fileURLToPath(new URL('../../bin/keepalived-ts.js', import.meta.url));

export type Impl = 'ours' | 'keepalived';

/** What goes on the wire: the combinations the suite's coverage matrix is made of. */
export interface Variant {
  readonly version: 2 | 3;
  readonly family: 'ipv4' | 'ipv6';
  readonly unicast: boolean;
  readonly auth: 'none' | 'pass' | 'ah';
  /** advert_int in seconds (v2: whole seconds; v3: centisecond steps). */
  readonly advertIntS: number;
}

export function variantName(v: Variant): string {
  const auth = v.auth === 'none' ? '' : ` ${v.auth === 'pass' ? 'PASS' : 'AH'}`;
  return `v${v.version} ${v.family === 'ipv4' ? 'IPv4' : 'IPv6'} ${v.unicast ? 'unicast' : 'multicast'}${auth} ${v.advertIntS}s`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

// ---- RFC timing, computed here from the RFCs (not from the implementation under test). ----

/**
 * Skew_Time in ms: RFC 3768 §6.1 ((256 − Priority) / 256 seconds, whatever the advert interval)
 * or RFC 5798 §6.1 (((256 − Priority) × Master_Adver_Interval) / 256).
 */
export function skewMs(version: 2 | 3, priority: number, advertIntS: number): number {
  return ((256 - priority) * (version === 2 ? 1 : advertIntS) * 1000) / 256;
}

/** Master_Down_Interval in ms: 3 × the (master's) advert interval + Skew_Time. */
export function masterDownMs(version: 2 | 3, priority: number, advertIntS: number): number {
  return 3 * advertIntS * 1000 + skewMs(version, priority, advertIntS);
}

// ---- Configuration. ----

export interface InstanceOptions {
  readonly variant: Variant;
  readonly vrid: number;
  readonly priority: number;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly nopreempt?: boolean;
  readonly name?: string;
}

export const VIP4 = '10.99.0.100';
export const VIP6 = 'fd99::100';

export function vipOf(v: Variant): string {
  return v.family === 'ipv4' ? VIP4 : VIP6;
}

/** One vrrp_instance for `self` talking to `peer` (the same text for both implementations). */
export function instanceConfig(self: Node, peer: Node, o: InstanceOptions): string {
  const v = o.variant;
  const lines = [
    `global_defs {`,
    `  router_id ${self.label}`,
    `}`,
    `vrrp_instance ${o.name ?? 'VI_1'} {`,
    `  state ${o.state ?? 'BACKUP'}`,
    `  interface ${self.iface}`,
    `  virtual_router_id ${o.vrid}`,
    `  priority ${o.priority}`,
    `  advert_int ${o.variant.advertIntS}`,
    `  version ${v.version}`,
  ];
  if (o.nopreempt) lines.push('  nopreempt');
  if (v.unicast) {
    const own = v.family === 'ipv4' ? self.addr4 : self.addr6;
    const other = v.family === 'ipv4' ? peer.addr4 : peer.addr6;
    lines.push(`  unicast_src_ip ${own}`, '  unicast_peer {', `    ${other}`, '  }');
  }
  if (v.auth !== 'none') {
    lines.push('  authentication {', `    auth_type ${v.auth === 'pass' ? 'PASS' : 'AH'}`, `    auth_pass ${self.password}`, '  }');
  }
  lines.push('  virtual_ipaddress {', `    ${vipOf(v)}/${v.family === 'ipv4' ? 24 : 64}`, '  }', '}', '');
  return lines.join('\n');
}

// ---- The wire. ----

export interface AdvertFrame {
  readonly kind: 'advert';
  readonly timeUs: number;
  readonly srcMac: string;
  readonly source: string;
  readonly advert: Advertisement;
  /** As a raw socket would deliver it, to validate again under another configuration. */
  readonly packet: ReceivedPacket;
  /** true, or why a peer configured like this segment's instances would reject it. */
  readonly valid: true | string;
}

export interface GratuitousFrame {
  readonly kind: 'garp' | 'na';
  readonly timeUs: number;
  readonly srcMac: string;
  /** The address announced (ARP sender = target; NA target). */
  readonly address: string;
}

export type WireFrame = AdvertFrame | GratuitousFrame;

/** Builds the receive context a peer would validate `sender`'s adverts with. */
export type ContextFor = (srcMac: string) => ReceiveContext | undefined;

/** A tcpdump in the switch namespace, decoded on demand (the file is flushed per packet). */
export class Wire {
  readonly file: string;
  private readonly proc: DaemonProcess;
  private cache: { size: number; frames: WireFrame[] } = { size: -1, frames: [] };
  /** How a peer of the frame's sender validates it (set by the segment). */
  contextFor: ContextFor = () => undefined;

  constructor(ns: Netns, iface: string, file: string) {
    this.file = file;
    this.proc = new DaemonProcess(ns, 'tcpdump', ['-i', iface, '--immediate-mode', '-U', '-n', '-w', file, 'arp or proto 112 or proto 51 or icmp6']);
  }

  async ready(): Promise<void> {
    await until('tcpdump listening', () => this.proc.output.includes('listening on'), 10_000);
  }

  async stop(): Promise<void> {
    await this.proc.stop('SIGINT', 2000);
  }

  frames(): WireFrame[] {
    if (!existsSync(this.file)) return [];
    const bytes = readFileSync(this.file);
    if (bytes.length === this.cache.size) return this.cache.frames;
    const frames: WireFrame[] = [];
    for (const f of readPcap(bytes)) {
      const parsed = this.parse(f.timeUs, f.data);
      if (parsed !== undefined) frames.push(parsed);
    }
    this.cache = { size: bytes.length, frames };
    return frames;
  }

  adverts(srcMac?: string): AdvertFrame[] {
    return this.frames().filter((f): f is AdvertFrame => f.kind === 'advert' && (srcMac === undefined || f.srcMac === srcMac));
  }

  gratuitous(srcMac: string, address: string): GratuitousFrame[] {
    return this.frames().filter((f): f is GratuitousFrame => f.kind !== 'advert' && f.srcMac === srcMac && f.address === address);
  }

  /** Waits for the first advert after `afterUs` from `srcMac` matching `pred`. */
  async nextAdvert(what: string, srcMac: string, afterUs: number, pred: (a: AdvertFrame) => boolean = () => true, timeoutMs = 20_000): Promise<AdvertFrame> {
    return until(what, () => this.adverts(srcMac).find((a) => a.timeUs > afterUs && pred(a)), timeoutMs);
  }

  private parse(timeUs: number, data: Uint8Array): WireFrame | undefined {
    const srcMac = formatMac(data.subarray(6, 12));
    const { etherType, payload } = ethernetPayload(data);
    if (etherType === 0x0806) {
      const sender = formatIPv4(payload.subarray(14, 18));
      const target = formatIPv4(payload.subarray(24, 28));
      return sender === target ? { kind: 'garp', timeUs, srcMac, address: sender } : undefined;
    }
    let packet: ReceivedPacket;
    if (etherType === 0x0800) {
      if (payload[9] !== 112 && payload[9] !== 51) return undefined;
      packet = { family: 'ipv4', datagram: payload.subarray(0, (payload[2]! << 8) | payload[3]!) };
    } else if (etherType === 0x86dd) {
      const body = payload.subarray(40, 40 + ((payload[4]! << 8) | payload[5]!));
      if (payload[6] === 58) {
        // Neighbor Advertisement (type 136): the target follows the 4 bytes of flags.
        return body[0] === 136 ? { kind: 'na', timeUs, srcMac, address: formatIPv6(body.subarray(8, 24)) } : undefined;
      }
      if (payload[6] !== 112) return undefined;
      packet = { family: 'ipv6', payload: body, source: payload.subarray(8, 24), destination: payload.subarray(24, 40), hopLimit: payload[7]! };
    } else return undefined;
    const decoded = decodeAdvert(packet);
    if (!decoded.ok) throw new Error(`undecodable VRRP frame on the wire (${decoded.reason}): ${Buffer.from(data).toString('hex')}`);
    const context = this.contextFor(srcMac);
    const checked = context === undefined ? undefined : receiveAdvert(packet, context);
    const valid = checked === undefined ? 'no receive context' : checked.ok ? true : checked.reason;
    return { kind: 'advert', timeUs, srcMac, source: decoded.ip.source, advert: decoded.advert, packet, valid };
  }
}

// ---- The peers. ----

/** One peer: a namespace with one interface on the switch, running one daemon at a time. */
export class Node {
  readonly ns: Netns;
  readonly dir: string;
  readonly mac: string;
  proc: DaemonProcess | undefined;
  /** auth_pass this peer is configured with (its adverts are validated with it). */
  password = 'secret1';
  private readonly configFile: string;
  private exited = false;

  constructor(
    readonly label: string,
    readonly impl: Impl,
    readonly iface: string,
    readonly addr4: string,
    readonly addr6: string,
    sw: Netns,
    switchPort: string,
    root: string,
  ) {
    this.ns = new Netns(`ktix${label}`);
    this.dir = join(root, label);
    execFileSync('mkdir', ['-p', this.dir]);
    this.configFile = join(this.dir, 'keepalived.conf');
    for (const key of ['default', 'all']) this.ns.run('sysctl', ['-qw', `net.ipv6.conf.${key}.accept_dad=0`]);
    execFileSync('ip', ['link', 'add', iface, 'netns', this.ns.name, 'type', 'veth', 'peer', 'name', switchPort, 'netns', sw.name]);
    sw.run('ip', ['link', 'set', switchPort, 'master', 'br0']);
    sw.run('ip', ['link', 'set', switchPort, 'up']);
    this.ns.run('ip', ['addr', 'add', `${addr4}/24`, 'dev', iface]);
    this.ns.run('ip', ['addr', 'add', `${addr6}/64`, 'dev', iface, 'nodad']);
    this.ns.run('ip', ['link', 'set', iface, 'up']);
    const link = JSON.parse(this.ns.run('ip', ['-j', 'link', 'show', 'dev', iface]).stdout) as { address: string }[];
    this.mac = link[0]!.address;
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.pid !== undefined && !this.exited;
  }

  /** Starts the daemon in the foreground with private pid and report files. */
  start(config: string): DaemonProcess {
    writeFileSync(this.configFile, config);
    const pids = ['-p', join(this.dir, 'parent.pid'), '-r', join(this.dir, 'vrrp.pid')];
    const proc = this.impl === 'ours'
      ? new DaemonProcess(this.ns, 'env', [`KEEPALIVED_TS_TMP_DIR=${this.dir}`, process.execPath, BIN, '-n', '-l', '-D', '-f', this.configFile, ...pids])
      : new DaemonProcess(this.ns, 'env', [
        `TMPDIR=${this.dir}`, 'keepalived', '-n', '-l', '-D', '-f', this.configFile, ...pids,
        '-c', join(this.dir, 'checkers.pid'), '-b', join(this.dir, 'bfd.pid'),
      ]);
    this.proc = proc;
    this.exited = false;
    void proc.waitExit(24 * 3600_000).then((done) => {
      if (done && this.proc === proc) this.exited = true;
    });
    return proc;
  }

  get output(): string {
    return this.proc?.output ?? '';
  }

  vrrpPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dir, 'vrrp.pid'), 'utf8').trim());
      return pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** Waits for the VRRP child's pid file and its instance in the named state (from the log). */
  async waitState(state: 'BACKUP' | 'MASTER' | 'FAULT', count = 1, timeoutMs = 20_000): Promise<void> {
    const pattern = new RegExp(`entering ${state} state`, 'gi');
    await until(`${this.label} (${this.impl}) in ${state}`, () => (this.output.match(pattern)?.length ?? 0) >= count, timeoutMs);
  }

  stateCount(state: string): number {
    return this.output.match(new RegExp(`entering ${state} state`, 'gi'))?.length ?? 0;
  }

  /**
   * SIGKILL of the whole daemon: the parent is stopped first so it cannot respawn the child or
   * pass a signal on, then the VRRP child and the parent are killed.
   */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (proc?.pid === undefined) return;
    const child = this.vrrpPid();
    try {
      process.kill(proc.pid, 'SIGSTOP');
    } catch {
      // already gone
    }
    if (child !== undefined) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await proc.stop('SIGKILL');
    rmSync(join(this.dir, 'vrrp.pid'), { force: true });
    rmSync(join(this.dir, 'parent.pid'), { force: true });
  }

  /** SIGTERM to the parent; resolves when it has exited. */
  async terminate(): Promise<void> {
    await this.proc?.stop('SIGTERM', 10_000);
  }

  /** Addresses on the peer's interface now (`ip -j addr`). */
  addresses(): string[] {
    const out = this.ns.run('ip', ['-j', 'addr', 'show', 'dev', this.iface]).stdout;
    const links = JSON.parse(out || '[]') as { addr_info?: { local: string }[] }[];
    return links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local));
  }

  holds(address: string): boolean {
    return this.addresses().includes(address);
  }

  linkSet(state: 'up' | 'down'): void {
    const r = this.ns.run('ip', ['link', 'set', this.iface, state]);
    if (r.status !== 0) throw new Error(`ip link set ${this.iface} ${state}: ${r.stderr}`);
  }

  /** SIGUSR2 → the stats file (both implementations write keepalived.stats in the tmp dir). */
  async stats(): Promise<string> {
    const file = join(this.dir, 'keepalived.stats');
    rmSync(file, { force: true });
    if (this.proc?.pid === undefined) throw new Error('not running');
    process.kill(this.proc.pid, 'SIGUSR2');
    // Written by the VRRP child; wait until it is complete (ends with the Priority Zero block).
    return until(`${this.label} stats file`, () => existsSync(file) && /Priority Zero:\n {4}Received: \d+\n {4}Sent: \d+\n$/.test(readFileSync(file, 'utf8')) && readFileSync(file, 'utf8'), 10_000);
  }
}

/** A counter from a stats file in keepalived's layout: `section` then `name: N`. */
export function statsCounter(stats: string, section: string, name: string): number {
  const at = stats.indexOf(`  ${section}:\n`);
  if (at < 0) throw new Error(`no ${section} in stats:\n${stats}`);
  const match = new RegExp(`^ {4}${name}: (\\d+)$`, 'm').exec(stats.slice(at));
  if (match === null) throw new Error(`no ${section}/${name} in stats:\n${stats}`);
  return Number(match[1]);
}

let segments = 0;

/** Every segment runs one instance on VRID 51. */
export const VRID = 51;

/**
 * A switch (bridge in its own namespace) with two peers, `a` (10.99.0.1, fd99::1) and `b`
 * (10.99.0.2, fd99::2), and tcpdump on b's switch port.
 */
export class Segment {
  readonly sw: Netns;
  readonly a: Node;
  readonly b: Node;
  readonly wire: Wire;
  readonly root: string;

  private constructor(readonly variant: Variant, implA: Impl, implB: Impl) {
    const id = ++segments;
    this.root = mkdtempSync(join(tmpdir(), 'kt-interop-'));
    this.sw = new Netns(`ktixs${id}`);
    try {
      this.sw.run('ip', ['link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0']);
      this.sw.run('ip', ['link', 'set', 'br0', 'up']);
      this.a = new Node(`${id}a`, implA, 'a0', '10.99.0.1', 'fd99::1', this.sw, 'pa', this.root);
      this.b = new Node(`${id}b`, implB, 'b0', '10.99.0.2', 'fd99::2', this.sw, 'pb', this.root);
    } catch (error) {
      this.sw.dispose();
      throw error;
    }
    this.wire = new Wire(this.sw, 'pb', join(this.root, 'wire.pcap'));
    this.wire.contextFor = (srcMac) => {
      const sender = srcMac === this.a.mac ? this.a : srcMac === this.b.mac ? this.b : undefined;
      return sender === undefined ? undefined : receiveContext(variant, sender, sender.password);
    };
  }

  static async create(variant: Variant, implA: Impl, implB: Impl): Promise<Segment> {
    const segment = new Segment(variant, implA, implB);
    try {
      await segment.wire.ready();
    } catch (error) {
      await segment.dispose();
      throw error;
    }
    return segment;
  }

  other(node: Node): Node {
    return node === this.a ? this.b : this.a;
  }

  /** Kills every process by pid, deletes the namespaces and the files. Safe to call twice. */
  async dispose(): Promise<void> {
    for (const node of [this.a, this.b]) {
      if (node === undefined) continue;
      try {
        await node.kill();
      } catch {
        // best effort: the namespace's processes are killed below anyway
      }
    }
    await this.wire?.stop();
    this.a?.ns.dispose();
    this.b?.ns.dispose();
    this.sw.dispose();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Both peers' logs, for failure messages. */
  logs(): string {
    return [this.a, this.b].map((n) => `--- ${n.label} (${n.impl}) ---\n${n.output}`).join('\n');
  }
}

/** The receive context a peer of `sender` configured with `password` has (what keepalived checks). */
export function receiveContext(v: Variant, sender: Node, password: string): ReceiveContext {
  const unicastPeers = v.unicast ? [{ address: v.family === 'ipv4' ? sender.addr4 : sender.addr6 }] : [];
  const made = makeReceiveContext({
    family: v.family,
    version: v.version,
    vrid: VRID,
    authType: v.version === 2 ? v.auth : 'none',
    authKey: passwordAuthData(password),
    hmacMd5: nodeHmacMd5,
    advertIntervalS: v.version === 2 ? v.advertIntS : undefined,
    addresses: [vipOf(v)],
    unicastPeers,
  });
  if (!made.ok) throw new Error(made.error);
  return made.context;
}
