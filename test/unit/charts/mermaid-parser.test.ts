/**
 * `keepalived-ts chart --format mermaid` read by mermaid itself (the pinned devDependency, its
 * browser build in Debian's Chromium through playwright-core, offline): for every machine, the
 * supervision tree, all of them in one bundle, and a fixture configuration's chart (`chart -f`),
 * mermaid.parse accepts the text, mermaid's parser builds exactly the chart's states, nesting and
 * transitions, and mermaid.render draws every state with its label inside its composite and a
 * path per transition with its label, compared with the same command's `--format json` model.
 * Negative controls show each check can fail. Skipped where /usr/bin/chromium is missing (a
 * failure under CI=true).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runChart } from '../../../src/cli/commands/chart.js';
import { MACHINE_NAMES } from '../../../src/charts/machines.js';
import type { ChartBundle, ChartModel } from '../../../src/charts/model.js';
import { MERMAID_VERSION, MermaidPage } from '../../support/mermaid-browser.js';
import { chromiumUnavailable } from '../../support/chromium.js';
import { expectMermaid, mermaidDifferences } from '../../support/mermaid-expect.js';

const FIXTURE = 'test/fixtures/configs/02-vrrp-missing-interface.conf';
const CONFIG = fileURLToPath(new URL(`../../../${FIXTURE}`, import.meta.url));
const skip = chromiumUnavailable() ?? false;

/** The chart command's output in one format (its diagnostics, e.g. the fixture's missing interface, aside). */
async function chart(args: readonly string[], format: 'mermaid' | 'json'): Promise<string> {
  let out = '';
  let err = '';
  const code = await runChart([...args, '--format', format], { stdout: (t) => (out += t), stderr: (t) => (err += t), prog: 'keepalived-ts' });
  assert.equal(code, 0, err);
  return out;
}

/** Each case: its name, and the chart command's arguments. */
const CASES: readonly (readonly [string, readonly string[]])[] = [
  ...[...MACHINE_NAMES, 'supervisor', 'all'].map((m) => [`chart --machine ${m}`, ['--machine', m]] as const),
  [`chart -f ${FIXTURE}`, ['-f', CONFIG]],
];

describe(`mermaid ${MERMAID_VERSION} reads the chart command's Mermaid output`, { skip }, () => {
  let mermaid: MermaidPage | undefined;
  before(async () => {
    mermaid = await MermaidPage.open();
  });
  after(async () => {
    await mermaid?.close();
  });
  const m = (): MermaidPage => mermaid ?? assert.fail('Chromium did not start');

  for (const [name, args] of CASES) {
    it(name, { timeout: 60_000 }, async (t) => {
      const text = await chart(args, 'mermaid');
      const bundle = JSON.parse(await chart(args, 'json')) as ChartBundle;
      assert.equal(await m().parse(text), 'stateDiagram');
      const reading = await m().read(text);
      assert.match(reading.svg, /^<svg[\s>]/);
      const want = expectMermaid(bundle);
      assert.deepEqual(mermaidDifferences(want, reading), []);
      t.diagnostic(`${want.states.size} states, ${want.composites.size} composites, ${want.transitions.length} transitions drawn`);
    });
  }

  it('fetched nothing from the network', () => {
    assert.deepEqual(m().requests, []);
  });

  it('negative controls: broken text is rejected, misdrawn text is caught', { timeout: 60_000 }, async () => {
    const all = await chart(['--machine', 'all'], 'mermaid');
    // The parser: our escaping left out, a composite left open, an arrow mermaid lacks.
    await assert.rejects(m().parse(all.replace('state "Backup"', 'state "Back"up"')), /Parse error/);
    await assert.rejects(m().parse(all.replace(/\n {2}\}\n(?![\s\S]*\n {2}\}\n)/, '\n')), /Parse error/);
    await assert.rejects(m().parse('stateDiagram-v2\n  a -> b\n'), /Parse error/);

    const a: ChartModel = {
      id: 't',
      title: 'T',
      kind: 'supervision',
      clusters: [{ id: 'c', label: 'C' }],
      nodes: [
        { id: 'x', label: 'x', kind: 'state', cluster: 'c' },
        { id: 'y', label: 'y', kind: 'state', cluster: 'c' },
        { id: 'p', label: 'p', kind: 'state' },
      ],
      edges: [{ id: 'e0', from: 'p', to: 'x', kind: 'supervises', label: ['go'] }],
    };
    const b: ChartModel = {
      id: 'u',
      title: 'U',
      kind: 'machine',
      clusters: [],
      nodes: [{ id: 'q', label: 'q', kind: 'state' }],
      edges: [
        { id: 'e0', from: 'q', to: 'q', kind: 'event', label: ['one'] },
        { id: 'e1', from: 'q', to: 'q', kind: 'event', label: ['two'] },
      ],
    };
    // Mermaid accepts this and draws it wrong: the transition written inside `t` moves x out of
    // its composite, and of q's two loops one is dropped. (How src/charts/mermaid.ts wrote it.)
    const misdrawn = [
      'stateDiagram-v2',
      '  state "T" as t {',
      '    state "C" as t__c {',
      '      state "x" as t__x',
      '      state "y" as t__y',
      '    }',
      '    state "p" as t__p',
      '    t__p --> t__x : go',
      '  }',
      '  state "U" as u {',
      '    state "q" as u__q',
      '    u__q --> u__q : one',
      '    u__q --> u__q : two',
      '  }',
      '',
    ].join('\n');
    assert.equal(await m().parse(misdrawn), 'stateDiagram');
    const problems = mermaidDifferences(expectMermaid({ charts: [a, b] }), await m().read(misdrawn));
    assert.ok(problems.includes('parser put t__x in t, not t__c'), problems.join('\n'));
    assert.ok(problems.includes('t__x is not drawn inside t__c'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('parsed transitions differ')), problems.join('\n'));
    assert.ok(problems.includes('no loop drawn with "one"'), problems.join('\n'));
    // Without `y`, the composite is left empty and mermaid's renderer gives up.
    await assert.rejects(m().read(misdrawn.replace('      state "y" as t__y\n', '')), /No such shape: roundedWithTitle/);
  });
});
