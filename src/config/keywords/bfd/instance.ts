/** The keywords of a `bfd_instance NAME { … }` block. */
import { ConfigErrorClass } from '../../diagnostics.js';
import { BFD_DEFAULTS, type BfdInstance } from '../../model/bfd.js';
import type { KeepalivedConfig } from '../../model/index.js';
import { blockSpec, leaf, type CloseContext, type LineContext } from '../../tree/spec.js';
import { parseAddress } from '../../lvs-values/addresses.js';
import { readInteger } from '../../lvs-values/numbers.js';
import { readDecimalScaled } from '../../values/index.js';

/** keepalived keeps BFD names in a fixed buffer. */
const MAX_NAME_LENGTH = 31;
const MAX_INTERVAL_MS = 4294967;

/** The instance being built, with what the close check needs. */
interface InstanceState {
  readonly config: KeepalivedConfig;
  readonly instance: BfdInstance;
  neighborMalformed: boolean;
  /** Set once `vrrp` or `checker` narrows where events go. */
  explicitTarget: boolean;
}

const configError = (ctx: LineContext, message: string): void =>
  ctx.report(ConfigErrorClass.GeneralError, `Configuration error: BFD instance ${message}`);

/** A millisecond interval with microsecond resolution, as `min_rx 3.312`. */
function interval(key: 'minRxMs' | 'minTxMs' | 'idleTxMs', keyword: string, minMs: number) {
  return leaf<InstanceState>((ctx, s) => {
    const word = ctx.requireWord(1);
    const name = s.instance.name;
    const invalid = (): void =>
      configError(ctx, `${name} ${keyword} value ${word} is not valid (must be in range [${minMs}-${MAX_INTERVAL_MS}]), ignoring`);
    // Milliseconds with microsecond resolution: three decimal places.
    const micros = readDecimalScaled(word, minMs * 1000, MAX_INTERVAL_MS * 1000, 3, ctx.report);
    if (micros === undefined) {
      invalid();
      return;
    }
    const value = micros / 1000;
    s.instance[key] = value;
  });
}

function integer(keyword: string, label: string, min: number, max: number, store: (s: InstanceState, v: number) => void) {
  return leaf<InstanceState>((ctx, s) => {
    const word = ctx.requireWord(1);
    const value = readInteger(word, min, max, ctx.report);
    if (value === undefined) {
      configError(ctx, `${s.instance.name} ${label} value ${word} not valid (must be in range [${min}-${max}]), ignoring`);
      return;
    }
    store(s, value);
  });
}

function neighbor(ctx: LineContext, s: InstanceState): void {
  const word = ctx.requireWord(1);
  const address = parseAddress(word);
  if (!address) {
    configError(ctx, `${s.instance.name} has malformed neighbor address ${word}, ignoring instance`);
    s.neighborMalformed = true;
    return;
  }
  s.instance.neighbor = { family: address.family, address: address.address };
}

function close(s: InstanceState, ctx: CloseContext): void {
  const { instance, config } = s;
  if (s.neighborMalformed) return;
  if (!instance.neighbor) {
    ctx.report(ConfigErrorClass.GeneralError, `Configuration error: BFD instance ${instance.name} has no neighbor address set, disabling instance`);
    return;
  }
  const neighborAddress = instance.neighbor.address;
  if (config.bfd.instances.some((other) => other.neighbor?.address === neighborAddress)) {
    ctx.report(ConfigErrorClass.GeneralError, `Configuration error: BFD instance ${instance.name} has duplicate neighbor address ${neighborAddress}, ignoring instance`);
    return;
  }
  config.bfd.instances.push(instance);
}

export const bfdInstanceBlock = blockSpec<InstanceState>(
  {
    neighbor_ip: leaf(neighbor),
    neighbour_ip: leaf(neighbor),
    source_ip: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const address = parseAddress(word);
      if (!address) {
        configError(ctx, `${s.instance.name} has malformed source address ${word}, ignoring`);
        return;
      }
      s.instance.source = { family: address.family, address: address.address };
    }),
    min_rx: interval('minRxMs', 'min_rx', 1),
    min_tx: interval('minTxMs', 'min_tx', 1),
    idle_tx: interval('idleTxMs', 'idle_tx', 1000),
    multiplier: integer('multiplier', 'multiplier', 1, 255, (s, v) => (s.instance.multiplier = v)),
    passive: leaf((_ctx, s) => {
      s.instance.passive = true;
    }),
    ttl: integer('ttl', 'ttl/hoplimit', 1, 255, (s, v) => (s.instance.ttl = v)),
    hoplimit: integer('hoplimit', 'ttl/hoplimit', 1, 255, (s, v) => (s.instance.ttl = v)),
    max_hops: integer('max_hops', 'max_hops', -1, 255, (s, v) => (s.instance.maxHops = v)),
    weight: leaf((ctx, s) => {
      const word = ctx.requireWord(1);
      const value = readInteger(word, -253, 253, ctx.report);
      if (value === undefined) {
        configError(ctx, `${s.instance.name} weight value ${word} not valid (must be in range [-253-253]), ignoring`);
        return;
      }
      s.instance.weight = value;
      s.instance.reverse = ctx.words[2] === 'reverse';
    }),
    vrrp: leaf((_ctx, s) => {
      s.instance.notifyVrrp = true;
      if (!s.explicitTarget) s.instance.notifyChecker = false;
      s.explicitTarget = true;
    }),
    checker: leaf((_ctx, s) => {
      s.instance.notifyChecker = true;
      if (!s.explicitTarget) s.instance.notifyVrrp = false;
      s.explicitTarget = true;
    }),
  },
  close,
);

/** Opens a bfd_instance: a bad or duplicate name skips the whole block. */
export function openBfdInstance(ctx: LineContext, config: KeepalivedConfig): InstanceState | undefined {
  const name = ctx.requireWord(1);
  if (name.length > MAX_NAME_LENGTH) {
    ctx.report(ConfigErrorClass.GeneralError, `BFD name ${name} too long`);
    ctx.report(ConfigErrorClass.GeneralError, `Configuration error: BFD instance ${name} name too long (maximum length is ${MAX_NAME_LENGTH} characters) - ignoring`);
    return undefined;
  }
  if (config.bfd.instances.some((i) => i.name === name)) {
    ctx.report(ConfigErrorClass.GeneralError, `BFD ${name} already specified`);
    ctx.report(ConfigErrorClass.GeneralError, `Configuration error: BFD instance ${name} already configured - ignoring`);
    return undefined;
  }
  return {
    config,
    neighborMalformed: false,
    explicitTarget: false,
    instance: {
      name,
      minRxMs: BFD_DEFAULTS.minRxMs,
      minTxMs: BFD_DEFAULTS.minTxMs,
      idleTxMs: BFD_DEFAULTS.idleTxMs,
      multiplier: BFD_DEFAULTS.multiplier,
      passive: false,
      maxHops: BFD_DEFAULTS.maxHops,
      weight: 0,
      reverse: false,
      notifyVrrp: true,
      notifyChecker: true,
      position: ctx.line.position,
    },
  };
}
