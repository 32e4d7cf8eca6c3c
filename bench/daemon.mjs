#!/usr/bin/env node
// Daemon speed and size benchmark (issue 4): our daemon (the built bundle, bin/keepalived-ts.js)
// and Debian's keepalived 2.2.7 side by side in one run, every figure taken on the wire (tcpdump
// --immediate-mode timestamps) or from /proc. Needs root, ip, tcpdump, keepalived, and
// `npm run build` first. Every namespace, process and file is the run's own and is removed at the
// end, on failure and on Ctrl-C (processes killed by pid, namespaces deleted).
//
//  takeover  keepalived is always the master (priority 150); the backup (priority 110) is
//            keepalived, then ours, runs interleaved. SIGKILL of the master: its last advert →
//            the backup's first (RFC bound Master_Down_Interval); SIGTERM: its priority 0 advert →
//            the backup's first (Skew_Time). v2 1 s and v3 50 ms adverts, on a bridge in a
//            namespace of its own, captured on the backup's switch port.
//  cpu       100 and 1000 instances as Master at 1 s adverts, spread over 5 veth interfaces
//            (VRIDs 1..N/5 on each), ours and keepalived at the same time in namespaces of their
//            own: CPU (utime+stime of every pid in the namespace, `ip netns pids`) over the
//            window and VmRSS of each process at its end.
//  timing    |interval − advert_int| of every instance's adverts on the wire (p50/p99/max): 100
//            instances at 1 s (the cpu section's capture when it ran) and 20 at 50 ms (v3).
//
// Goals are reported as met / not met, never asserted: the exit status is 0 when the run
// completed. Speed figures on a shared 2-core machine move with its load: compare the two
// implementations of the same run, read min/median, and mind the load average printed.
//   npm run bench:daemon [-- --quick] [--only takeover|cpu|timing] [--runs N] [--window S]
//                        [--node-options "--cpu-prof --cpu-prof-dir=/tmp/prof"]  (our daemon's node flags)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- Options. ----

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const only = option('only');
if (only !== undefined && !['takeover', 'cpu', 'timing'].includes(only)) {
  console.error('--only takes takeover, cpu or timing');
  process.exit(2);
}
const sections = only === undefined ? ['takeover', 'cpu', 'timing'] : [only];
const RUNS = Number(option('runs') ?? (quick ? 2 : 5));
const CPU_WINDOW_S = Number(option('window') ?? (quick ? 10 : 60));
const TIMING_FAST_WINDOW_S = quick ? 5 : 30;
const TIMING_SLOW_WINDOW_S = quick ? 10 : 60;
// Node flags for our daemon (on its command line, so the VRRP child gets them too: it is forked
// with the parent's execArgv); e.g. --cpu-prof, which NODE_OPTIONS does not allow.
const ourNodeOptions = option('node-options');
const ourNodeArgs = ourNodeOptions?.split(/\s+/).filter(Boolean) ?? [];

const BIN = fileURLToPath(new URL('../bin/keepalived-ts.js', import.meta.url));
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const IMPLS = ['keepalived', 'ours'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (process.getuid?.() !== 0) {
  console.error('bench:daemon needs root (network namespaces)');
  process.exit(1);
}
for (const cmd of ['ip', 'tcpdump', 'keepalived']) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status !== 0) {
    console.error(`bench:daemon needs ${cmd}`);
    process.exit(1);
  }
}
if (!existsSync(fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url)))) {
  console.error('bench:daemon runs the bundle: npm run build first');
  process.exit(1);
}

// ---- Resources of this run, all removed by cleanup(). ----

const tag = `ktbd${process.pid}`;
const root = mkdtempSync(join(tmpdir(), 'kts-bench-daemon-'));
const namespaces = new Set();
const procs = new Set();
let nsCount = 0;

function nsAdd(label) {
  const name = `${tag}-${label}-${++nsCount}`;
  execFileSync('ip', ['netns', 'add', name]);
  namespaces.add(name);
  nsRun(name, 'ip', ['link', 'set', 'lo', 'up']);
  for (const key of ['default', 'all']) nsRun(name, 'sysctl', ['-qw', `net.ipv6.conf.${key}.accept_dad=0`]);
  return name;
}

function nsRun(ns, cmd, args, check = true) {
  const r = spawnSync('ip', ['netns', 'exec', ns, cmd, ...args], { encoding: 'utf8', timeout: 30_000 });
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${ns}: ${r.stderr}`);
  return r;
}

function nsPids(ns) {
  const out = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '';
  return out.split(/\s+/).filter(Boolean).map(Number);
}

function nsDel(ns) {
  if (!namespaces.delete(ns)) return;
  for (const pid of nsPids(ns)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}

let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const p of procs) p.kill('SIGKILL');
  for (const ns of [...namespaces]) nsDel(ns);
  rmSync(root, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
process.on('exit', cleanup);

/** A process in a namespace (`ip netns exec` execs, so its pid is the command's). */
class Proc {
  constructor(ns, cmd, args, env = {}) {
    this.output = '';
    this.exited = false;
    this.child = spawn('ip', ['netns', 'exec', ns, 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    procs.add(this.child);
    const keep = (b) => {
      this.output += b.toString();
      if (this.output.length > 4_000_000) this.output = this.output.slice(-2_000_000);
      this.onOutput?.();
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    this.done = new Promise((resolve) => this.child.once('exit', () => {
      this.exited = true;
      procs.delete(this.child);
      resolve();
    }));
  }

  get pid() {
    return this.child.pid;
  }

  /** Sends `signal`; resolves when it has exited (SIGKILL after graceMs). */
  async stop(signal = 'SIGTERM', graceMs = 5000) {
    if (this.exited) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.done;
    clearTimeout(timer);
  }
}

async function until(what, probe, timeoutMs, stepMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

// ---- Daemons. ----

/** One daemon (ours or keepalived) in the foreground with private pid, tmp and config files. */
class Daemon {
  constructor(impl, ns, dir, config) {
    this.impl = impl;
    this.ns = ns;
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, 'keepalived.conf');
    writeFileSync(conf, config);
    for (const f of ['parent.pid', 'vrrp.pid']) rmSync(join(dir, f), { force: true });
    const pids = ['-p', join(dir, 'parent.pid'), '-r', join(dir, 'vrrp.pid')];
    this.proc = impl === 'ours'
      // A private status socket (on by default) rather than /run/keepalived-ts/status.sock.
      ? new Proc(ns, process.execPath, [...ourNodeArgs, BIN, '-n', '-l', '-D', '-f', conf, ...pids, `--status-socket=${join(dir, 'status.sock')}`], { KEEPALIVED_TS_TMP_DIR: dir })
      : new Proc(ns, 'keepalived', ['-n', '-l', '-D', '-f', conf, ...pids, '-c', join(dir, 'checkers.pid'), '-b', join(dir, 'bfd.pid')], { TMPDIR: dir });
  }

  count(re) {
    return this.proc.output.match(re)?.length ?? 0;
  }

  vrrpPid() {
    try {
      const pid = Number(readFileSync(join(this.dir, 'vrrp.pid'), 'utf8').trim());
      return pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL of the whole daemon: parent stopped first (no respawn, no signal passed on). */
  async kill() {
    if (this.proc.exited) return;
    const child = this.vrrpPid();
    try {
      process.kill(this.proc.pid, 'SIGSTOP');
    } catch {
      // gone
    }
    if (child !== undefined) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await this.proc.stop('SIGKILL');
  }

  /** SIGTERM to the parent (keepalived and ours pass it on; the child sends priority 0). */
  async terminate() {
    await this.proc.stop('SIGTERM', 10_000);
  }
}

const MASTER_RE = /entering MASTER state/gi;
const BACKUP_RE = /entering BACKUP state/gi;

// ---- The wire: tcpdump and an incremental pcap reader keeping VRRP adverts only. ----

class Capture {
  constructor(ns, iface, file) {
    this.file = file;
    this.adverts = [];
    this.offset = 0;
    this.partialHeader = undefined;
    this.proc = new Proc(ns, 'tcpdump', ['-i', iface, '--immediate-mode', '-U', '-n', '-s', '128', '-w', file, 'proto 112']);
  }

  async ready() {
    await until('tcpdump listening', () => this.proc.output.includes('listening on'), 10_000);
  }

  async stop() {
    await this.proc.stop('SIGINT', 2000);
  }

  /** Reads what tcpdump wrote since the last call; returns every advert so far. */
  poll() {
    if (!existsSync(this.file)) return this.adverts;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (this.offset === 0) {
        if (size < 24) return this.adverts;
        const head = Buffer.alloc(24);
        readSync(fd, head, 0, 24, 0);
        const magic = head.readUInt32LE(0);
        this.little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
        this.nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
        this.offset = 24;
      }
      if (size <= this.offset) return this.adverts;
      const bytes = Buffer.alloc(size - this.offset);
      readSync(fd, bytes, 0, bytes.length, this.offset);
      let at = 0;
      while (at + 16 <= bytes.length) {
        const rd = (o) => (this.little ? bytes.readUInt32LE(at + o) : bytes.readUInt32BE(at + o));
        const caplen = rd(8);
        if (at + 16 + caplen > bytes.length) break;
        const timeUs = rd(0) * 1e6 + (this.nanos ? rd(4) / 1000 : rd(4));
        this.parse(timeUs, bytes.subarray(at + 16, at + 16 + caplen));
        at += 16 + caplen;
      }
      this.offset += at;
    } finally {
      closeSync(fd);
    }
    return this.adverts;
  }

  parse(timeUs, frame) {
    if (frame.length < 14 + 20 + 4 || frame.readUInt16BE(12) !== 0x0800) return;
    const ip = frame.subarray(14);
    if (ip[9] !== 112) return;
    const vrrp = ip.subarray((ip[0] & 0x0f) * 4);
    this.adverts.push({
      timeUs,
      source: `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`,
      version: vrrp[0] >> 4,
      vrid: vrrp[1],
      priority: vrrp[2],
    });
  }
}

// ---- Statistics and printing. ----

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs) => {
  const s = sorted(xs);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const report = { loads: [] };
function noteLoad(when) {
  const l = loadavg();
  report.loads.push(`${when}: ${l}`);
  console.log(`  [load average ${when}: ${l}]`);
}

// ---- 1. Takeover. ----

const skewMs = (version, priority, advertIntS) => ((256 - priority) * (version === 2 ? 1 : advertIntS) * 1000) / 256;
const masterDownMs = (version, priority, advertIntS) => 3 * advertIntS * 1000 + skewMs(version, priority, advertIntS);

const MASTER_IP = '10.99.0.1';
const BACKUP_IP = '10.99.0.2';
const HIGH = 150;
const LOW = 110;

function pairConfig(self, peer, variant, state, priority) {
  return [
    'global_defs {',
    `  router_id ${self}`,
    '}',
    'vrrp_instance VI_1 {',
    `  state ${state}`,
    `  interface ${self === 'master' ? 'm0' : 'b0'}`,
    '  virtual_router_id 51',
    `  priority ${priority}`,
    `  advert_int ${variant.advertIntS}`,
    `  version ${variant.version}`,
    '  virtual_ipaddress {',
    '    10.99.0.100/24',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A switch namespace (bridge) with the master's and the backup's namespaces; tcpdump on pb. */
async function makeSegment() {
  const sw = nsAdd('sw');
  nsRun(sw, 'ip', ['link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0']);
  nsRun(sw, 'ip', ['link', 'set', 'br0', 'up']);
  const node = (label, iface, port, addr) => {
    const ns = nsAdd(label);
    execFileSync('ip', ['link', 'add', iface, 'netns', ns, 'type', 'veth', 'peer', 'name', port, 'netns', sw]);
    nsRun(sw, 'ip', ['link', 'set', port, 'master', 'br0']);
    nsRun(sw, 'ip', ['link', 'set', port, 'up']);
    nsRun(ns, 'ip', ['addr', 'add', `${addr}/24`, 'dev', iface]);
    nsRun(ns, 'ip', ['link', 'set', iface, 'up']);
    return ns;
  };
  const m = node('m', 'm0', 'pm', MASTER_IP);
  const b = node('b', 'b0', 'pb', BACKUP_IP);
  const wire = new Capture(sw, 'pb', join(root, `takeover-${nsCount}.pcap`));
  await wire.ready();
  return { sw, m, b, wire, dispose: async () => { await wire.stop(); for (const ns of [m, b, sw]) nsDel(ns); } };
}

const lastUs = (wire) => wire.poll().at(-1)?.timeUs ?? 0;

/** One run: keepalived master, `impl` backup; returns the gap in ms. */
async function takeoverRun(seg, variant, impl, event, run) {
  const { wire } = seg;
  for (const [ns, iface] of [[seg.m, 'm0'], [seg.b, 'b0']]) nsRun(ns, 'ip', ['addr', 'del', '10.99.0.100/24', 'dev', iface], false);
  const dir = join(root, `to-v${variant.version}-${event}-${impl}-${run}`);
  const since = lastUs(wire);
  const master = new Daemon('keepalived', seg.m, join(dir, 'master'), pairConfig('master', 'backup', variant, 'MASTER', HIGH));
  const backup = { d: undefined };
  try {
    const intervalMs = variant.advertIntS * 1000;
    await until('the master advertising', () => wire.poll().find((a) => a.timeUs > since && a.source === MASTER_IP && a.priority === HIGH), 15_000);
    backup.d = new Daemon(impl, seg.b, join(dir, 'backup'), pairConfig('backup', 'master', variant, 'BACKUP', LOW));
    await until(`${impl} backup in BACKUP`, () => backup.d.count(BACKUP_RE) >= 1, 15_000);
    // The backup has seen a few adverts (v3: it learns Master_Adver_Interval from them).
    const seen = lastUs(wire);
    await until('adverts to the backup', () => wire.poll().filter((a) => a.timeUs > seen && a.source === MASTER_IP).length >= 3, 3 * intervalMs + 5000);
    if (wire.poll().some((a) => a.timeUs > since && a.source === BACKUP_IP)) throw new Error(`${impl} backup advertised before the event`);
    // Mid-interval, so the event is not racing an advert.
    await sleep(intervalMs / 2);
    let from;
    if (event === 'kill') {
      await master.kill();
    } else {
      const before = lastUs(wire);
      await master.terminate();
      from = await until('priority 0', () => wire.poll().find((a) => a.timeUs > before && a.source === MASTER_IP && a.priority === 0), 3000);
    }
    const bound = event === 'kill' ? masterDownMs(variant.version, LOW, variant.advertIntS) : skewMs(variant.version, LOW, variant.advertIntS);
    const after = from?.timeUs ?? since;
    const first = await until(`${impl} backup's first advert`, () => wire.poll().find((a) => a.timeUs > after && a.source === BACKUP_IP), bound + 10_000);
    if (event === 'kill') from = wire.poll().filter((a) => a.source === MASTER_IP && a.timeUs < first.timeUs && a.priority > 0).at(-1);
    if (first.priority !== LOW) throw new Error(`backup advertised priority ${first.priority}`);
    return (first.timeUs - from.timeUs) / 1000;
  } catch (error) {
    console.log(`--- master (keepalived) ---\n${master.proc.output.slice(-3000)}\n--- backup (${impl}) ---\n${backup.d?.proc.output.slice(-3000) ?? ''}`);
    throw error;
  } finally {
    await master.kill();
    await backup.d?.kill();
  }
}

async function benchTakeover() {
  console.log(`\n== Takeover on the wire: keepalived master (priority ${HIGH}), backup priority ${LOW}, ${RUNS} runs each ==`);
  noteLoad('takeover start');
  const variants = [
    { name: 'v2 1 s', version: 2, advertIntS: 1 },
    { name: 'v3 50 ms', version: 3, advertIntS: 0.05 },
  ];
  const rows = [];
  for (const variant of variants) {
    for (const event of ['kill', 'term']) {
      const seg = await makeSegment();
      try {
        const gaps = { keepalived: [], ours: [] };
        for (let run = 0; run < RUNS; run++) {
          for (const impl of run % 2 === 0 ? IMPLS : [...IMPLS].reverse()) {
            const gap = await takeoverRun(seg, variant, impl, event, run);
            gaps[impl].push(gap);
            process.stdout.write(`  ${variant.name} ${event === 'kill' ? 'SIGKILL' : 'SIGTERM'} ${impl} backup run ${run + 1}: ${gap.toFixed(1)} ms\n`);
          }
        }
        const bound = event === 'kill' ? masterDownMs(variant.version, LOW, variant.advertIntS) : skewMs(variant.version, LOW, variant.advertIntS);
        for (const impl of IMPLS) {
          const g = gaps[impl];
          const med = median(g);
          rows.push([
            `${variant.name} ${event === 'kill' ? 'SIGKILL → takeover' : 'SIGTERM prio 0 → takeover'}`, impl,
            fmt(Math.min(...g)), fmt(med), fmt(Math.max(...g)), fmt(bound), `${med - bound >= 0 ? '+' : ''}${fmt(med - bound)}`,
            impl === 'ours' ? (Math.abs(med - bound) <= 2 ? 'met' : 'NOT met') : 'ref',
          ]);
        }
      } finally {
        await seg.dispose();
      }
    }
  }
  noteLoad('takeover end');
  report.takeover = rows;
}

// ---- 2. CPU and memory, 3. advert timing: fleets of Masters. ----

const IFACES = 5;

function fleetConfig(count, advertIntS, version) {
  const lines = ['global_defs {', '  router_id fleet', '}'];
  const perIface = Math.ceil(count / IFACES);
  for (let i = 0; i < count; i++) {
    const k = i % IFACES;
    const vrid = Math.floor(i / IFACES) + 1;
    if (vrid > 255 || perIface > 255) throw new Error('at most 255 instances per interface');
    lines.push(
      `vrrp_instance VI_${k}_${vrid} {`,
      '  state MASTER',
      `  interface e${k}`,
      `  virtual_router_id ${vrid}`,
      '  priority 100',
      `  advert_int ${advertIntS}`,
      `  version ${version}`,
      '  virtual_ipaddress {',
      `    10.${50 + k}.1.${vrid}/32`,
      '  }',
      '}',
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** One implementation's fleet: its namespace (5 veths), a sink namespace with the peers and tcpdump. */
async function startFleet(impl, count, advertIntS, version, captureAll) {
  const ns = nsAdd(`f${impl === 'ours' ? 'o' : 'k'}`);
  const sink = nsAdd(`s${impl === 'ours' ? 'o' : 'k'}`);
  const captures = [];
  for (let k = 0; k < IFACES; k++) {
    execFileSync('ip', ['link', 'add', `e${k}`, 'netns', ns, 'type', 'veth', 'peer', 'name', `s${k}`, 'netns', sink]);
    nsRun(ns, 'ip', ['addr', 'add', `10.${50 + k}.0.1/24`, 'dev', `e${k}`]);
    nsRun(ns, 'ip', ['link', 'set', `e${k}`, 'up']);
    nsRun(sink, 'ip', ['link', 'set', `s${k}`, 'up']);
    if (k === 0 || captureAll) captures.push(new Capture(sink, `s${k}`, join(root, `fleet-${impl}-${count}-${k}-${nsCount}.pcap`)));
  }
  for (const c of captures) await c.ready();
  const daemon = new Daemon(impl, ns, join(root, `fleet-${impl}-${count}-${nsCount}`), fleetConfig(count, advertIntS, version));
  return {
    impl, ns, sink, daemon, captures, count, advertIntS,
    async dispose() {
      // With --node-options (e.g. --cpu-prof), ours exits cleanly so that Node writes its files.
      if (impl === 'ours' && ourNodeOptions) await daemon.terminate();
      await daemon.kill();
      for (const c of captures) await c.stop();
      nsDel(ns);
      nsDel(sink);
    },
  };
}

/** Every instance entered MASTER (log) and every VRID of e0 is advertising (wire). */
async function waitMasters(fleet, timeoutMs) {
  const onFirst = Math.ceil(fleet.count / IFACES);
  await until(`${fleet.impl}: ${fleet.count} instances entering MASTER`, () => fleet.daemon.count(MASTER_RE) >= fleet.count, timeoutMs, 200).catch((error) => {
    console.log(`--- ${fleet.impl} (last output) ---\n${fleet.daemon.proc.output.slice(-3000)}`);
    throw error;
  });
  const sinceUs = Date.now() * 1000;
  await until(`${fleet.impl}: every VRID advertising on e0`, () => {
    const vrids = new Set(fleet.captures[0].poll().filter((a) => a.timeUs > sinceUs && a.priority > 0).map((a) => a.vrid));
    return vrids.size >= onFirst;
  }, 3 * fleet.advertIntS * 1000 + 5000, 100);
}

function procSample(ns) {
  return nsPids(ns).map((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? '?';
      return { pid, name, ticks: Number(fields[11]) + Number(fields[12]), sysTicks: Number(fields[12]), rssKb };
    } catch {
      return undefined;
    }
  }).filter(Boolean);
}

/** CPU over the window and RSS at its end, every fleet at the same time. */
async function measureFleets(fleets, windowS) {
  const before = fleets.map((f) => procSample(f.ns));
  const t0 = performance.now();
  const marks = fleets.map((f) => f.captures.map((c) => c.poll().length));
  const rssMax = fleets.map(() => new Map());
  const deadline = t0 + windowS * 1000;
  while (performance.now() < deadline) {
    await sleep(Math.min(1000, deadline - performance.now()));
    fleets.forEach((f, i) => {
      for (const p of procSample(f.ns)) rssMax[i].set(p.pid, Math.max(rssMax[i].get(p.pid) ?? 0, p.rssKb));
      for (const c of f.captures) c.poll();
    });
  }
  const elapsedS = (performance.now() - t0) / 1000;
  return fleets.map((f, i) => {
    const after = procSample(f.ns);
    const ticks = after.reduce((sum, p) => sum + p.ticks - (before[i].find((b) => b.pid === p.pid)?.ticks ?? 0), 0);
    const processes = after.map((p) => {
      const b = before[i].find((x) => x.pid === p.pid);
      const pct = (ticks) => (ticks / CLK_TCK / elapsedS) * 100;
      return {
        pid: p.pid, name: p.name, rssKb: p.rssKb, rssMaxKb: rssMax[i].get(p.pid) ?? p.rssKb,
        cpuPct: pct(p.ticks - (b?.ticks ?? 0)), sysPct: pct(p.sysTicks - (b?.sysTicks ?? 0)),
      };
    });
    const adverts = f.captures.flatMap((c, k) => c.poll().slice(marks[i][k]).map((a) => ({ ...a, iface: k })));
    return { impl: f.impl, count: f.count, cpuPct: (ticks / CLK_TCK / elapsedS) * 100, processes, adverts, advertIntS: f.advertIntS };
  });
}

/** |interval − advert_int| in ms of each instance's consecutive adverts. */
function deviations(adverts, advertIntS) {
  const last = new Map();
  const devs = [];
  for (const a of adverts) {
    if (a.priority === 0) continue;
    const key = `${a.iface}/${a.vrid}`;
    const prev = last.get(key);
    if (prev !== undefined) devs.push(Math.abs((a.timeUs - prev) / 1000 - advertIntS * 1000));
    last.set(key, a.timeUs);
  }
  return devs;
}

async function runFleets(count, advertIntS, version, windowS, captureAll) {
  const fleets = [];
  try {
    for (const impl of IMPLS) fleets.push(await startFleet(impl, count, advertIntS, version, captureAll));
    await Promise.all(fleets.map((f) => waitMasters(f, 60_000 + count * 60)));
    // Past the start-up GARP bursts (garp_master_delay 5 s: a second burst 5 s after MASTER).
    await sleep(Math.max(6000, 3 * advertIntS * 1000));
    return await measureFleets(fleets, windowS);
  } finally {
    for (const f of fleets) await f.dispose();
  }
}

const MB = 1024;

async function benchCpu() {
  console.log(`\n== CPU over ${CPU_WINDOW_S} s and RSS: N instances as Master, 1 s adverts (v2), 5 interfaces, both implementations at once ==`);
  const results = {};
  for (const count of [100, 1000]) {
    noteLoad(`cpu ${count} start`);
    results[count] = await runFleets(count, 1, 2, CPU_WINDOW_S, count <= 100);
    for (const r of results[count]) {
      const rss = r.processes.reduce((s, p) => s + p.rssKb, 0);
      console.log(`  ${count} ${r.impl}: ${fmt(r.cpuPct, 2)} % of a core, ${fmt(rss / MB)} MB in ${r.processes.length} processes (${r.processes.map((p) => `${p.name}[${p.pid}] ${fmt(p.cpuPct, 2)} % (sys ${fmt(p.sysPct, 2)}), ${fmt(p.rssKb / MB)} MB, max ${fmt(p.rssMaxKb / MB)}`).join('; ')})`);
    }
  }
  noteLoad('cpu end');
  const rows = [];
  for (const count of [100, 1000]) {
    const [ka, ours] = IMPLS.map((impl) => results[count].find((r) => r.impl === impl));
    for (const r of [ka, ours]) {
      const rss = r.processes.reduce((s, p) => s + p.rssKb, 0);
      const perProcessMax = Math.max(...r.processes.map((p) => p.rssMaxKb));
      const limitKb = 40 * MB + 20 * count;
      rows.push([
        `${count} instances`, r.impl, fmt(r.cpuPct, 2), r.impl === 'ours' ? `${fmt(ours.cpuPct / ka.cpuPct, 2)}× ka` : '',
        String(r.processes.length), fmt(rss / MB), fmt(perProcessMax / MB), fmt(limitKb / MB),
        r.impl === 'ours' ? `cpu ${ours.cpuPct <= 1.5 * ka.cpuPct ? 'met' : 'NOT met'}, mem ${perProcessMax <= limitKb ? 'met' : 'NOT met'}` : 'ref',
      ]);
    }
  }
  const perInstance = IMPLS.map((impl) => {
    const a = results[100].find((r) => r.impl === impl);
    const b = results[1000].find((r) => r.impl === impl);
    const total = (rs) => rs.processes.reduce((s, p) => s + p.rssKb, 0);
    const maxProc = (rs) => Math.max(...rs.processes.map((p) => p.rssKb));
    return [impl, fmt((total(b) - total(a)) / 900, 2), fmt((maxProc(b) - maxProc(a)) / 900, 2)];
  });
  report.cpu = { rows, perInstance, results };
}

function timingRow(label, r) {
  const devs = deviations(r.adverts, r.advertIntS);
  const p99 = quantile(devs, 0.99);
  return [label, r.impl, String(devs.length), fmt(quantile(devs, 0.5), 3), fmt(p99, 3), fmt(Math.max(...devs), 3), r.impl === 'ours' ? (p99 < 2 ? 'met' : 'NOT met') : 'ref'];
}

async function benchTiming() {
  console.log('\n== Advert timing on the wire: |interval − advert_int| ==');
  const rows = [];
  noteLoad('timing start');
  const slow = report.cpu?.results[100] ?? await runFleets(100, 1, 2, TIMING_SLOW_WINDOW_S, true);
  for (const r of slow) rows.push(timingRow('100 × 1 s (v2)', r));
  const fast = await runFleets(20, 0.05, 3, TIMING_FAST_WINDOW_S, true);
  for (const r of fast) rows.push(timingRow('20 × 50 ms (v3)', r));
  noteLoad('timing end');
  report.timing = rows;
}

// ---- Main. ----

async function main() {
  console.log(`bench:daemon — keepalived-ts vs ${execFileSync('keepalived', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] || 'keepalived'}${quick ? ' (quick)' : ''}`);
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs${ourNodeOptions ? `, our node flags: ${ourNodeOptions}` : ''}`);
  const started = Date.now();
  for (const s of sections) {
    if (s === 'takeover') await benchTakeover();
    if (s === 'cpu') await benchCpu();
    if (s === 'timing') await benchTiming();
  }

  console.log('\n==================== Results ====================');
  if (report.takeover) {
    console.log('\nTakeover (ms, wire; master = keepalived; goal: ours within 2 ms of the RFC bound)');
    table(['event', 'backup', 'min', 'median', 'max', 'RFC bound', 'median−bound', 'goal'], report.takeover);
  }
  if (report.cpu) {
    console.log(`\nCPU (% of one core over ${CPU_WINDOW_S} s, all processes) and RSS (MB); goals: CPU ≤ 1.5× keepalived, each process ≤ 40 MB + 20 KB × N`);
    table(['fleet', 'impl', 'CPU %', 'ratio', 'procs', 'RSS sum', 'max proc', 'limit', 'goal'], report.cpu.rows);
    console.log('\nMemory per instance (KB, (RSS@1000 − RSS@100) / 900)');
    table(['impl', 'all processes', 'largest process'], report.cpu.perInstance);
  }
  if (report.timing) {
    console.log('\nAdvert timing (ms, |interval − advert_int| on the wire; goal: ours p99 < 2 ms)');
    table(['fleet', 'impl', 'intervals', 'p50', 'p99', 'max', 'goal'], report.timing);
  }
  console.log(`\nLoad average (1/5/15 min): ${report.loads.join(' | ')}`);
  console.log(`Run time ${fmt((Date.now() - started) / 1000, 0)} s`);
}

main().then(() => {
  cleanup();
  process.exit(0);
}, (error) => {
  console.error(`bench:daemon failed: ${error?.stack ?? error}`);
  cleanup();
  process.exit(1);
});
