/**
 * One raw socket receiving VRRP (or AH) datagrams on one interface for every instance there:
 * bound to the device, multicast groups joined once however many instances use them, and each
 * datagram handed only to the instances of its VRID that expect its destination.
 */
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { IpFamily, ReceivedAdvert } from '../../ports/vrrp-link.js';
import { formatIPv4 } from '../../protocol/index.js';
import type { NativeError, ReceivedDatagram } from '../native/index.js';
import { toReceivedPacket } from '../native/index.js';
import { AdvertDemux, vridOf } from './demux.js';
import { describeFailure, type RawSocketLike } from './host.js';

export type AdvertListener = (advert: ReceivedAdvert) => void;

export interface ReceiveChannelOptions {
  readonly socket: RawSocketLike;
  readonly family: IpFamily;
  readonly interfaceName: string;
  readonly ifindex: number;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
}

export class ReceiveChannel {
  readonly socket: RawSocketLike;
  readonly ifindex: number;
  private readonly family: IpFamily;
  private readonly interfaceName: string;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly demux = new AdvertDemux<AdvertListener>();
  private readonly groupUsers = new Map<string, number>();

  constructor(o: ReceiveChannelOptions) {
    this.socket = o.socket;
    this.family = o.family;
    this.interfaceName = o.interfaceName;
    this.ifindex = o.ifindex;
    this.clock = o.clock;
    this.logger = o.logger;
    this.socket.receive((datagram) => this.deliver(datagram), (error) => this.receiveFailed(error));
  }

  /** Delivers adverts of `vrid` sent to `destination` (canonical text) to `listener`; returns the undo. */
  listen(vrid: number, destination: string, listener: AdvertListener): () => void {
    return this.demux.add(vrid, destination, listener);
  }

  /** Joins `group` on the interface unless already joined for another instance; returns why it failed. */
  join(group: string): string | undefined {
    const users = this.groupUsers.get(group) ?? 0;
    if (users === 0) {
      try {
        this.socket.joinGroup(group, this.ifindex);
      } catch (error) {
        return describeFailure(error);
      }
    }
    this.groupUsers.set(group, users + 1);
    return undefined;
  }

  /** Undoes one `join`; the membership is dropped with its last user. */
  leave(group: string): void {
    const users = this.groupUsers.get(group);
    if (users === undefined) return;
    if (users > 1) {
      this.groupUsers.set(group, users - 1);
      return;
    }
    this.groupUsers.delete(group);
    try {
      this.socket.leaveGroup(group, this.ifindex);
    } catch (error) {
      // The interface may be gone already, and its memberships with it.
      this.logger?.debug('leaving multicast group failed', { interface: this.interfaceName, group, error: describeFailure(error) });
    }
  }

  close(): void {
    for (const group of [...this.groupUsers.keys()]) {
      this.groupUsers.set(group, 1);
      this.leave(group);
    }
    this.socket.close();
  }

  private deliver(datagram: ReceivedDatagram): void {
    if (datagram.truncated) return;
    // Bound to the device, so another interface's packet is only possible if it was recreated.
    if (datagram.ifindex !== 0 && datagram.ifindex !== this.ifindex) return;
    const vrid = vridOf(this.family, datagram.data);
    if (vrid === undefined) return;
    const destination = datagram.destination !== '' ? datagram.destination : headerDestination(datagram);
    const listeners = this.demux.lookup(vrid, destination);
    if (listeners === undefined) return;
    const advert: ReceivedAdvert = {
      packet: toReceivedPacket(datagram),
      destination,
      ifindex: this.ifindex,
      // When the kernel took it in: the wake-up and the read come after (about 1 ms when idle).
      receivedAtMs: this.clock.nowMs() - datagram.ageMs,
    };
    for (const listener of listeners) listener(advert);
  }

  private receiveFailed(error: NativeError): void {
    this.logger?.warn('VRRP receive failed', { interface: this.interfaceName, family: this.family, error: error.message });
  }
}

/** IPv4 carries its destination in the header; IPv6 only in the ancillary data. */
function headerDestination(datagram: ReceivedDatagram): string {
  return datagram.family === 'ipv4' && datagram.data.length >= 20 ? formatIPv4(datagram.data, 16) : '';
}
