/**
 * Our own configurations (test/fixtures/daemon) run by keepalived 2.2.7 and by keepalived-ts,
 * side by side in namespaces with the interfaces they name, with -D for a few seconds and then
 * SIGTERM: every line each writes must be the other's, but the banners each daemon writes its own
 * way (version, command line, pids, CPU use) and ours of its own features (status socket, memory,
 * VRRP events). What keepalived says of a configuration when it starts, not only in -t.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labUnavailable, Netns } from '../support/lab.js';
import { DaemonProcess } from '../support/keepalived.js';

const fixtures = resolve('test/fixtures/daemon');
const cli = resolve('bin/keepalived-ts.js');
const RUN_MS = 6000;

/** Lines that differ by nature: banners, pids, timings, and ours of features keepalived lacks. */
const OWN = /^(Starting|Startup complete|Running on|Command line|Configuration file|Opening file|NOTICE|Registering|VRRP sockpool|Assigned address|Stopped|CPU usage|Status socket|released memory|VRRP event|Reload complete|tracking processes)/;

/**
 * Each instance's lines in order, the frames' and the others' in order: how they interleave
 * is the daemons' scheduling. keepalived's parent and VRRP child both check the configuration,
 * so a line may come twice in a row.
 */
function comparable(output: string, dir: string): Record<string, string[]> {
  const lines = output.replaceAll(dir, 'DIR').split('\n').flatMap((line) => {
    const text = line.slice(line.indexOf(': ') + 2);
    return text.startsWith(' ') || text.trim() === '' || OWN.test(text) ? [] : [text];
  });
  const byInstance: Record<string, string[]> = { '': [] };
  lines.forEach((line, i) => {
    if (line === lines[i - 1]) return;
    // A frame's line names no instance: frames keep an order of their own.
    const instance = /^\((\w+)\):? /.exec(line)?.[1] ?? (/^Sending (gratuitous ARP|unsolicited Neighbour Advert) on/.test(line) ? 'frames' : '');
    (byInstance[instance] ??= []).push(line);
  });
  return byInstance;
}

async function run(impl: 'ours' | 'keepalived', file: string): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), `kt-daemon-${impl}-`));
  const text = readFileSync(join(fixtures, file), 'utf8');
  const interfaces = [...new Set(['eth0', ...[...text.matchAll(/^\s*interface\s+(eth\d+)/gm)].map((m) => m[1]!)])];
  const ns = new Netns('ktdl');
  try {
    interfaces.forEach((name, i) => {
      ns.run('ip', ['link', 'add', name, 'type', 'veth', 'peer', 'name', `p${i}`]);
      ns.run('ip', ['addr', 'add', `192.0.${2 + i}.10/24`, 'dev', name]);
      ns.run('ip', ['link', 'set', name, 'up']);
      ns.run('ip', ['link', 'set', `p${i}`, 'up']);
    });
    const files = ['-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid'), '-b', join(dir, 'b.pid')];
    const conf = join(fixtures, file);
    const proc = impl === 'ours'
      ? new DaemonProcess(ns, 'env', [`KEEPALIVED_TS_TMP_DIR=${dir}`, process.execPath, cli, '-n', '-l', '-P', '-D', '-f', conf, ...files])
      : new DaemonProcess(ns, 'env', [`TMPDIR=${dir}`, 'keepalived', '-n', '-l', '-P', '-D', '-f', conf, ...files]);
    await new Promise((done) => setTimeout(done, RUN_MS));
    await proc.stop('SIGTERM');
    return comparable(proc.output, dir);
  } finally {
    ns.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const unavailable = labUnavailable(['ip', 'keepalived']);

for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.conf')).sort()) {
  test(`daemon lines with -D for ${file}, as keepalived's`, { skip: unavailable, timeout: 60_000 }, async () => {
    const [ours, theirs] = await Promise.all([run('ours', file), run('keepalived', file)]);
    assert.deepEqual(ours, theirs);
    assert.ok(ours['']?.includes('Stopping'), JSON.stringify(ours));
  });
}
