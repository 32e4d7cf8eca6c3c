/**
 * The send side of one instance: encoders laid out once per destination (the multicast group, or
 * each unicast peer), the IP id keepalived numbers itself and the AH sequence number.
 */
import { ahSpiFor, Ipv4AdvertEncoder, Ipv6AdvertEncoder, passwordAuthData } from '../../protocol/index.js';
import type { Advertisement, HmacMd5 } from '../../protocol/index.js';
import type { VrrpLink } from '../../ports/vrrp-link.js';
import type { InstanceSettings } from './params.js';
import { AhSequence } from './ah-sequence.js';

const MAX_ADVERT_INTERVAL_CS = 0x0fff;
const MAX_IP_ID = 0xffff;

interface Destination {
  readonly address: string;
  readonly encode: (priority: number) => Uint8Array;
}

/** VRRPv2 carries whole seconds (at least 1). */
export function advertIntervalS(settings: InstanceSettings): number {
  return Math.max(1, Math.floor(settings.advertIntervalMs / 1000));
}

function advertisement(settings: InstanceSettings, source: string): Advertisement {
  const addresses = settings.vips.map((vip) => vip.address);
  const common = { family: settings.family, vrid: settings.vrid, priority: 0, addresses };
  if (settings.version === 3) {
    const cs = Math.min(MAX_ADVERT_INTERVAL_CS, Math.max(1, Math.round(settings.advertIntervalMs / 10)));
    return { version: 3, ...common, maxAdvertIntervalCs: cs };
  }
  const auth = settings.authType === 'pass'
    ? { type: 'pass' as const, authData: passwordAuthData(settings.authPass) }
    : settings.authType === 'ah'
      ? { type: 'ah' as const, spi: ahSpiFor(source), sequence: 1 }
      : { type: 'none' as const };
  return { version: 2, ...common, advertIntervalS: advertIntervalS(settings), auth };
}

export interface SendOutcome {
  readonly sent: number;
  readonly failures: readonly string[];
}

export class AdvertSender {
  readonly #link: VrrpLink;
  readonly #destinations: Destination[];
  #ipId = 0;
  /** Shared with the instance's receiver (see AhSequence). */
  readonly #ahCounter: AhSequence;
  #ahSequence = 0;

  constructor(settings: InstanceSettings, link: VrrpLink, hmacMd5: HmacMd5, oldUnicastChecksum: boolean, ahSequence = new AhSequence()) {
    const source = link.sourceAddress;
    if (source === undefined) throw new Error(`${settings.name}: link has no source address`);
    this.#link = link;
    this.#ahCounter = ahSequence;
    const advert = advertisement(settings, source);
    const unicast = settings.unicastPeers.length > 0;
    const targets = unicast ? settings.unicastPeers.map((peer) => peer.address) : [settings.multicastGroup];
    const authKey = passwordAuthData(settings.authPass);
    this.#destinations = targets.map((address) => {
      if (settings.family === 'ipv6') {
        const encoder = new Ipv6AdvertEncoder(advert, { source, destination: address });
        return { address, encode: (priority: number) => encoder.encode(priority) };
      }
      const encoder = new Ipv4AdvertEncoder(
        advert,
        { source, destination: address, ttl: unicast ? settings.unicastTtl : 255 },
        { authKey, hmacMd5, unicast, oldUnicastChecksum, multicastGroup4: settings.multicastGroup },
      );
      return { address, encode: (priority: number) => encoder.encode(priority, this.#ipId, this.#ahSequence) };
    });
    // Lay out one advert now and throw it away: the first real one is sent on a takeover, when
    // each millisecond counts, and would otherwise also pay for compiling the encoder (~0.3 ms).
    for (const destination of this.#destinations) destination.encode(0);
  }

  /** One advert: one datagram to the group, or one per unicast peer (same IP id and sequence). */
  send(priority: number): SendOutcome {
    // keepalived numbers from 1 and skips 0 when wrapping.
    this.#ipId = this.#ipId >= MAX_IP_ID ? 1 : this.#ipId + 1;
    this.#ahSequence = this.#ahCounter.next();
    let sent = 0;
    const failures: string[] = [];
    for (const destination of this.#destinations) {
      const failure = this.#link.send(destination.encode(priority), destination.address);
      if (failure === undefined) sent++;
      else failures.push(`${destination.address}: ${failure}`);
    }
    return { sent, failures };
  }
}
