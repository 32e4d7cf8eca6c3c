/**
 * The receive side of one instance: the codec's checks in keepalived's order against the
 * instance's compiled context, the per-packet state (AH replay window, vrrp_skip_check_adv_addr)
 * and the counters keepalived bumps for each verdict.
 */
import { formatIPv4, makeReceiveContext, passwordAuthData, receiveAdvert, REJECT_EFFECTS, statsCountersForAccepted } from '../../protocol/index.js';
import type { HmacMd5, ReceivedPacket, ReceiveContext, RejectReason } from '../../protocol/index.js';
import type { Counters } from './counters.js';
import { advertIntervalS } from './advert-sender.js';
import type { InstanceSettings } from './params.js';
import { AhSequence } from './ah-sequence.js';

export type ReceiveOutcome =
  | {
    readonly ok: true;
    readonly priority: number;
    readonly maxAdvertIntervalMs: number;
    readonly source: string;
    /** The peer uses the pre-1.3.6 VRRPv3 unicast checksum: switch our sending to it. */
    readonly oldUnicastChecksum: boolean;
  }
  | { readonly ok: false; readonly reason: RejectReason };

const IPV4_SOURCE_OFFSET = 12;

function sourceOf(packet: ReceivedPacket): string | undefined {
  if (packet.family === 'ipv6') return typeof packet.source === 'string' ? packet.source : undefined;
  if (packet.datagram.length < IPV4_SOURCE_OFFSET + 4) return undefined;
  return formatIPv4(packet.datagram.subarray(IPV4_SOURCE_OFFSET, IPV4_SOURCE_OFFSET + 4));
}

export function receiveContextFor(settings: InstanceSettings, hmacMd5: HmacMd5, oldUnicastChecksum: boolean) {
  return makeReceiveContext({
    family: settings.family,
    version: settings.version,
    vrid: settings.vrid,
    authType: settings.authType,
    authKey: passwordAuthData(settings.authPass),
    hmacMd5,
    ...(settings.version === 2 ? { advertIntervalS: advertIntervalS(settings) } : {}),
    addresses: settings.vips.map((vip) => vip.address),
    unicastPeers: settings.unicastPeers,
    checkUnicastSource: settings.checkUnicastSrc,
    unicastChecksum: oldUnicastChecksum ? 'old' : settings.oldUnicastChecksum,
    multicastGroup4: settings.family === 'ipv4' ? settings.multicastGroup : undefined,
  });
}

export class AdvertReceiver {
  readonly #context: ReceiveContext;
  readonly #skipCheckAdvAddr: boolean;
  readonly #counters: Counters;
  /** Shared with the instance's sender (see AhSequence). */
  readonly #ahSequence: AhSequence;
  /** Source of the last accepted advert (keepalived's master_saddr for skip_check_adv_addr). */
  #lastSource: string | undefined;

  constructor(context: ReceiveContext, settings: InstanceSettings, counters: Counters, ahSequence = new AhSequence()) {
    this.#context = context;
    this.#ahSequence = ahSequence;
    this.#skipCheckAdvAddr = settings.skipCheckAdvAddr;
    this.#counters = counters;
  }

  receive(packet: ReceivedPacket): ReceiveOutcome {
    const source = sourceOf(packet);
    const checkAddresses = !(this.#skipCheckAdvAddr && source !== undefined && source === this.#lastSource);
    const result = receiveAdvert(packet, this.#context, { checkAddresses, ahLastSequence: this.#ahSequence.value });
    if (!result.ok) {
      const effect = REJECT_EFFECTS[result.reason];
      if (effect.countedAsReceived) this.#counters.advert_rcvd++;
      if (effect.counter !== null) this.#counters[effect.counter]++;
      return { ok: false, reason: result.reason };
    }
    const { advert, ip } = result;
    for (const counter of statsCountersForAccepted(advert.priority)) this.#counters[counter]++;
    if (advert.version === 2 && advert.auth.type === 'ah') this.#ahSequence.accepted(advert.auth.sequence);
    this.#lastSource = ip.source;
    const maxAdvertIntervalMs = advert.version === 3 ? advert.maxAdvertIntervalCs * 10 : advert.advertIntervalS * 1000;
    return { ok: true, priority: advert.priority, maxAdvertIntervalMs, source: ip.source, oldUnicastChecksum: result.oldUnicastChecksum };
  }
}
