/**
 * `keepalived -t` and `keepalived-ts -t` judge the same configs the same way: Debian's samples
 * (read live from the installed keepalived package) and the project's own configs, each in a
 * namespace without interfaces and in one with eth0…eth3 (the samples' names), so that both the
 * "interface doesn't exist" verdicts and the checks keepalived makes only past them are compared.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { labUnavailable, Netns } from '../support/lab.js';

const samplesDir = '/usr/share/doc/keepalived/samples';
const ownDir = resolve('test/fixtures/configs');
const cli = resolve('bin/keepalived-ts.js');

function configs(): string[] {
  const samples = existsSync(samplesDir)
    ? readdirSync(samplesDir).filter((f) => f.startsWith('keepalived.conf')).map((f) => join(samplesDir, f))
    : [];
  const own = readdirSync(ownDir).filter((f) => f.endsWith('.conf')).map((f) => join(ownDir, f));
  return [...samples, ...own].sort();
}

const unavailable = labUnavailable(['ip', 'keepalived']);

describe('config test verdicts match keepalived 2.2.7', { skip: unavailable }, () => {
  let bare: Netns | undefined;
  let wired: Netns | undefined;
  before(() => {
    bare = new Netns('ktcfg');
    wired = new Netns('ktcfgw');
    for (let i = 0; i < 4; i++) wired.run('ip', ['link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `peer${i}`]);
  });
  after(() => {
    bare?.dispose();
    wired?.dispose();
  });

  it('finds Debian\'s sample configs', { skip: unavailable }, () => {
    assert.ok(configs().filter((f) => f.startsWith(samplesDir)).length >= 20, 'keepalived package samples are installed');
  });

  for (const file of unavailable ? [] : configs()) {
    it(file.startsWith(samplesDir) ? `sample ${file.slice(samplesDir.length + 1)}` : `own ${file.slice(ownDir.length + 1)}`, () => {
      for (const [where, ns] of [['without interfaces', bare], ['with eth0…eth3', wired]] as const) {
        assert.ok(ns);
        const theirs = ns.run('keepalived', ['-t', '-f', file]);
        const ours = ns.run(process.execPath, [cli, '-t', '-f', file]);
        assert.equal(
          ours.status,
          theirs.status,
          `exit code differs for ${file} ${where}\n--- keepalived:\n${theirs.stderr}\n--- keepalived-ts:\n${ours.stderr}`,
        );
      }
    });
  }
});
