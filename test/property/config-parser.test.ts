/**
 * Properties of the whole config pipeline (reader → keyword tree → validation) over generated and
 * mutated configs: it never throws, positioned diagnostics point into real files, and the model
 * does not change with white space, blank lines or comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfig, type LoadedConfig } from '../../src/config/load.js';
import { MemoryConfigHost } from '../../src/sim/memory-config-host.js';

const options = { configId: 'node1', allConfig: false, configTest: true };

function load(files: Record<string, string>): LoadedConfig {
  const host = new MemoryConfigHost({ cwd: '/etc/keepalived', files, interfaces: ['lo', 'eth0', 'eth1'], hostname: 'node1' });
  return loadConfig('keepalived.conf', options, host);
}

/** Physical lines of each file, with slack for keepalived's splitting of over-long lines. */
function lineBound(text: string): number {
  return text.split('\n').length + Math.ceil(text.length / 256);
}

function assertPositionsValid(files: Record<string, string>, loaded: LoadedConfig): void {
  for (const d of loaded.diagnostics.items) {
    if (!d.position) continue;
    const text = files[d.position.file];
    assert.ok(text !== undefined, `diagnostic names a file that does not exist: ${d.position.file} (${d.message})`);
    assert.ok(d.position.line >= 1 && d.position.line <= lineBound(text), `line ${d.position.line} outside ${d.position.file}: ${d.message}`);
  }
  assert.ok([0, 2, 4, 5, 6].includes(loaded.configTestExitCode), `exit code ${loaded.configTestExitCode}`);
}

// ---- generators of valid configs -------------------------------------------------------------

const octet = fc.integer({ min: 1, max: 254 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);

const globalDefs = fc.record({ routerId: name, garpDelay: fc.integer({ min: 0, max: 100 }) }).map(
  (g) => ['global_defs {', `router_id ${g.routerId}`, `vrrp_garp_master_delay ${g.garpDelay}`, '}'],
);

const instance = (index: number) =>
  fc
    .record({
      state: fc.constantFrom('MASTER', 'BACKUP'),
      iface: fc.constantFrom('eth0', 'eth1'),
      vrid: fc.integer({ min: 1, max: 255 }),
      priority: fc.integer({ min: 1, max: 254 }),
      advert: fc.integer({ min: 1, max: 5 }),
      vips: fc.array(ipv4, { minLength: 1, maxLength: 3 }),
      nopreempt: fc.boolean(),
    })
    .map((i) => [
      `vrrp_instance VI_${index} {`,
      `state ${i.state}`,
      `interface ${i.iface}`,
      `virtual_router_id ${i.vrid}`,
      `priority ${i.priority}`,
      `advert_int ${i.advert}`,
      ...(i.nopreempt ? ['nopreempt'] : []),
      'virtual_ipaddress {',
      ...i.vips.map((v) => `${v}/24`),
      '}',
      '}',
    ]);

const virtualServer = fc
  .record({ vip: ipv4, port: fc.integer({ min: 1, max: 65535 }), rip: ipv4, weight: fc.integer({ min: 0, max: 100 }), timeout: fc.integer({ min: 1, max: 30 }) })
  .map((v) => [
    `virtual_server ${v.vip} ${v.port} {`,
    'delay_loop 6',
    'lb_algo rr',
    'lb_kind NAT',
    'protocol TCP',
    `real_server ${v.rip} ${v.port} {`,
    `weight ${v.weight}`,
    'TCP_CHECK {',
    `connect_timeout ${v.timeout}`,
    '}',
    '}',
    '}',
  ]);

/** A valid config as lines (without indentation). */
const validConfig = fc
  .tuple(globalDefs, fc.integer({ min: 0, max: 3 }), fc.array(virtualServer, { maxLength: 2 }))
  .chain(([g, count, servers]) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => instance(i + 1))).map((instances) => [...g, ...instances.flat(), ...servers.flat()]),
  );

// ---- mutations -------------------------------------------------------------------------------

const noise = fc.constantFrom(
  '{', '}', '}}', '{{', '"', '#', '!', '\\', '$', '${X}', '$X=1', '@node1 ', '@^node1 ', '~SEQ(i, 1, 2) ', '~LST(v, a) ',
  'include b.conf', 'include keepalived.conf', 'include *.conf', 'vrrp_instance', 'virtual_server', 'real_server', 'priority',
  'virtual_router_id', '99999999999999999999999', '-1', '0x10', '1e308', 'NaN', '10.0.0.1/33', '::1', 'fe80::1%eth0', '\0', '\u00ff',
);

const mutatedText = fc.oneof(
  validConfig.chain((lines) => fc.nat({ max: lines.join('\n').length }).map((cut) => lines.join('\n').slice(0, cut))),
  validConfig.chain((lines) =>
    fc.array(fc.tuple(fc.nat({ max: lines.length }), noise), { maxLength: 8 }).map((edits) => {
      const out = [...lines];
      for (const [at, token] of edits) out.splice(at, 0, token);
      return out.join('\n');
    }),
  ),
  fc.array(noise, { maxLength: 80 }).map((parts) => parts.join(' ')),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.integer({ min: 1, max: 2000 }).map((depth) => 'vrrp_instance X {\n'.repeat(depth) + '}\n'.repeat(depth >> 1)),
);

test('never throws on mutated, truncated, garbage and deeply nested configs; positions are real', () => {
  fc.assert(
    fc.property(mutatedText, mutatedText, (main, other) => {
      const files = { 'keepalived.conf': main, 'b.conf': other };
      assertPositionsValid(files, load(files));
    }),
    { numRuns: 300 },
  );
});

test('include loops are reported and end', () => {
  const files = { 'keepalived.conf': 'include b.conf\n', 'b.conf': 'include keepalived.conf\nglobal_defs {\n}\n' };
  const loaded = load(files);
  assertPositionsValid(files, loaded);
  assert.ok(loaded.diagnostics.items.length > 0, 'the loop is reported');
});

// ---- model stability --------------------------------------------------------------------------

/** The model as comparable data: Maps and Sets as arrays, source positions dropped. */
function normalise(value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [normalise(k), normalise(v)]);
  if (value instanceof Set) return [...value].map(normalise);
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'position' || k === 'line' || k === 'openedAt' || k === 'closedAt') continue;
      out[k] = normalise(v);
    }
    return out;
  }
  return value;
}

const spacing = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const filler = fc.constantFrom('', '# a comment', '! another comment', '   ', '\t# indented comment');

test('the model is stable under white space, blank lines and comments', () => {
  fc.assert(
    fc.property(
      validConfig,
      fc.infiniteStream(fc.tuple(spacing, spacing, fc.array(filler, { maxLength: 2 }), fc.boolean())),
      (lines, decorations) => {
        const plain = lines.join('\n') + '\n';
        const decorated: string[] = [];
        const it = decorations[Symbol.iterator]();
        for (const line of lines) {
          const [lead, trail, fillers, trailingComment] = it.next().value as [string, string, string[], boolean];
          decorated.push(...fillers);
          decorated.push(`${lead}${line.split(' ').join(lead.length > 0 ? lead : ' ')}${trail}${trailingComment && !line.includes('{') && !line.includes('}') ? ' # note' : ''}`);
        }
        const a = load({ 'keepalived.conf': plain });
        const b = load({ 'keepalived.conf': decorated.join('\n') + '\n' });
        assert.deepEqual(normalise(b.config), normalise(a.config));
        assert.equal(b.configTestExitCode, a.configTestExitCode);
        assert.deepEqual(
          b.diagnostics.items.map((d) => d.message),
          a.diagnostics.items.map((d) => d.message),
        );
      },
    ),
    { numRuns: 150 },
  );
});
