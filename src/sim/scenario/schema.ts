/**
 * The JSON schema of scenario files (YAML or JSON). examples/sim/scenario.schema.json is this
 * object, written out for editors; a test keeps the two equal.
 */
const duration = {
  description: 'Milliseconds (a number) or a string like "1.5s", "250ms", "2m".',
  oneOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m)$' }],
};
const name = { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' };
const nodeRef = { type: 'string' };
const pair = { type: 'array', items: nodeRef, minItems: 2, maxItems: 2 };
const probability = { type: 'number', minimum: 0, maximum: 1 };

/** One fault: `at` plus exactly one action key. */
function fault(key: string, value: object, description: string): object {
  return {
    type: 'object',
    description,
    required: ['at', key],
    properties: { at: duration, [key]: value, note: { type: 'string' } },
    additionalProperties: false,
  };
}

const direction = {
  type: 'object',
  properties: { from: nodeRef, to: nodeRef, between: pair },
  additionalProperties: false,
  oneOf: [{ required: ['from', 'to'] }, { required: ['between'] }],
};

export const scenarioSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://keepalived-ts.dev/schemas/sim-scenario.json',
  title: 'keepalived-ts sim scenario',
  type: 'object',
  required: ['nodes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    duration: { ...duration, description: 'How long to simulate (default 60s); extended to cover the liveness bound after the last fault.' },
    links: {
      description: 'L2 segments (default: one named "lan").',
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name }, additionalProperties: false },
    },
    nodes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name,
          address: { type: 'string', description: 'Shorthand for one interface eth0 on the first link: "192.168.1.1/24".' },
          interfaces: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'address'],
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                address: { type: 'string', description: 'ip/prefix' },
                link: { type: 'string', description: 'Segment name (default: the first link).' },
                mac: { type: 'string' },
              },
            },
          },
          config: { type: 'string', description: 'keepalived.conf text.' },
          configFile: { type: 'string', description: 'Path of a keepalived.conf, relative to the scenario file.' },
          variants: {
            type: 'object',
            description: 'Alternative configurations (text) a reload fault can switch to, by name.',
            additionalProperties: { type: 'string' },
          },
          startAt: { ...duration, description: 'When the daemon starts (default 0).' },
        },
        oneOf: [{ required: ['config'] }, { required: ['configFile'] }],
      },
    },
    faults: {
      type: 'array',
      items: {
        oneOf: [
          fault('partition', { type: 'array', items: { type: 'array', items: nodeRef, minItems: 1 }, minItems: 2 }, 'Nodes in different groups cannot hear each other (both ways).'),
          fault('isolate', nodeRef, 'Cut every link to and from a node.'),
          fault('cut', { type: 'object', required: ['from', 'to'], properties: { from: nodeRef, to: nodeRef }, additionalProperties: false }, 'One-way partition: packets from → to are dropped.'),
          fault('heal', { oneOf: [{ const: 'all' }, direction] }, 'Remove cuts and impairments: everywhere, one direction, or both directions of a pair.'),
          fault('impair', {
            ...direction,
            properties: {
              ...direction.properties,
              loss: probability,
              delay: duration,
              jitter: duration,
              duplicate: probability,
              reorder: probability,
              reorderBy: duration,
            },
          }, 'Loss, delay, jitter, duplication and reordering on a directed link (or both directions with between).'),
          fault('crash', nodeRef, 'Power loss: the daemon dies silently, the node loses its VIPs.'),
          fault('restart', nodeRef, 'Boot a crashed or stopped node (a running one is stopped gracefully first).'),
          fault('stop', nodeRef, 'Graceful shutdown (SIGTERM): priority 0 adverts, VIPs released.'),
          fault('kill', {
            oneOf: [nodeRef, { type: 'object', required: ['node'], properties: { node: nodeRef, respawnAfter: duration }, additionalProperties: false }],
          }, 'The VRRP child crashes: silent, VIPs stay; the watchdog respawns it (default at once).'),
          fault('linkDown', { type: 'object', required: ['node'], properties: { node: nodeRef, interface: { type: 'string' } }, additionalProperties: false }, 'Interface down (default eth0).'),
          fault('linkUp', { type: 'object', required: ['node'], properties: { node: nodeRef, interface: { type: 'string' } }, additionalProperties: false }, 'Interface up again.'),
          fault('priority', {
            type: 'object', required: ['node', 'priority'], additionalProperties: false,
            properties: { node: nodeRef, instance: { type: 'string' }, priority: { type: 'integer', minimum: 1, maximum: 255 } },
          }, 'Reload the node with another priority for one instance (default: all of its instances).'),
          fault('drift', { type: 'object', required: ['node', 'rate'], properties: { node: nodeRef, rate: { type: 'number', exclusiveMinimum: 0 } }, additionalProperties: false }, 'The node\'s clock runs at rate × real time from now on.'),
          fault('script', {
            type: 'object', required: ['node', 'name', 'result'], additionalProperties: false,
            properties: { node: nodeRef, name: { type: 'string' }, result: { enum: ['up', 'down'] } },
          }, 'The node\'s vrrp_script NAME succeeds (up) or fails (down) from its next run on; rise/fall apply.'),
          fault('reload', {
            oneOf: [nodeRef, {
              type: 'object', required: ['node'], additionalProperties: false,
              properties: { node: nodeRef, variant: { type: 'string' }, config: { type: 'string' }, configFile: { type: 'string' } },
            }],
          }, 'SIGHUP: reload the same configuration, a named variant, or a new one.'),
        ],
      },
    },
    expect: {
      type: 'object',
      description: 'Verdicts the scenario is meant to produce (checked by the tests, reported by the CLI).',
      additionalProperties: false,
      properties: {
        safety: { enum: ['held', 'violated'] },
        liveness: { enum: ['held', 'violated', 'not-checked'] },
      },
    },
  },
} as const;
