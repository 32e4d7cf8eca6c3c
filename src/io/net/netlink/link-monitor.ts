/**
 * The LinkMonitor port over rtnetlink: joins the link and address groups first, then dumps links
 * and addresses, then applies the events that arrived meanwhile, so no change is lost between the
 * dump and the subscription. Events reach subscribers in the kernel's order. When the kernel drops
 * events (ENOBUFS on a full receive buffer), the table is re-dumped and the differences emitted.
 */
import type { Clock } from '../../../ports/clock.js';
import type { LinkEvent, LinkMonitor } from '../../../ports/links.js';
import type { Logger } from '../../../ports/logger.js';
import { createRealClock } from '../../clock.js';
import { decodeAddress } from './address-messages.js';
import type { KernelAddress } from './address-messages.js';
import { createRequestChannel } from './channel.js';
import { decodeMessages } from './codec.js';
import type { NetlinkMessage } from './codec.js';
import {
  AF_UNSPEC, RTM_DELADDR, RTM_DELLINK, RTM_GETADDR, RTM_GETLINK, RTM_NEWADDR, RTM_NEWLINK, RTNLGRP_IPV4_IFADDR,
  RTNLGRP_IPV6_IFADDR, RTNLGRP_LINK,
} from './constants.js';
import { decodeLink } from './link-messages.js';
import type { KernelLink } from './link-messages.js';
import { LinkTable } from './link-table.js';
import { createSocketTransport } from './transport.js';
import type { NetlinkTransport } from './transport.js';

export interface NetlinkLinkMonitorOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Socket joined to the event groups (a real one by default). */
  readonly events?: NetlinkTransport;
  /** Socket for the dumps (a real one by default). */
  readonly requests?: NetlinkTransport;
  readonly timeoutMs?: number;
}

export interface NetlinkLinkMonitor extends LinkMonitor {
  close(): void;
}

/** The table change one kernel message implies. */
export function applyMessage(table: LinkTable, message: NetlinkMessage): LinkEvent[] {
  switch (message.type) {
    case RTM_NEWLINK:
    case RTM_DELLINK: {
      // Bridge port messages (AF_BRIDGE) describe the port, not the link: a DELLINK there means "left the bridge".
      if (message.payload[0] !== AF_UNSPEC) return [];
      const link = decodeLink(message.payload);
      if (link === undefined) return [];
      return message.type === RTM_NEWLINK ? table.setLink(link) : table.removeLink(link.ifindex);
    }
    case RTM_NEWADDR:
    case RTM_DELADDR: {
      const address = decodeAddress(message.payload);
      if (address === undefined) return [];
      return message.type === RTM_NEWADDR ? table.addAddress(address) : table.removeAddress(address);
    }
    default:
      return [];
  }
}

export async function createNetlinkLinkMonitor(options: NetlinkLinkMonitorOptions = {}): Promise<NetlinkLinkMonitor> {
  const logger = options.logger;
  const events = options.events ?? createSocketTransport({ receiveBufferBytes: 8 << 20 });
  const requests = options.requests ?? createSocketTransport();
  const channel = createRequestChannel(requests, options.clock ?? createRealClock({ spinMarginMs: 0 }), options.timeoutMs);
  const table = new LinkTable();
  const listeners = new Set<(event: LinkEvent) => void>();
  let backlog: NetlinkMessage[] | undefined = [];
  let resyncing = false;

  const emit = (list: readonly LinkEvent[]): void => {
    for (const event of list) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          logger?.error(`link monitor listener threw: ${String(error)}`);
        }
      }
    }
  };

  const dump = async (): Promise<{ links: KernelLink[]; addresses: KernelAddress[] } | string> => {
    const linkReply = await channel.dump(RTM_GETLINK, [Buffer.alloc(16)]);
    if (!linkReply.ok) return linkReply.error;
    const addressReply = await channel.dump(RTM_GETADDR, [Buffer.alloc(8)]);
    if (!addressReply.ok) return addressReply.error;
    const links = linkReply.messages.flatMap((m) => {
      const link = m.type === RTM_NEWLINK && m.payload[0] === AF_UNSPEC ? decodeLink(m.payload) : undefined;
      return link === undefined ? [] : [link];
    });
    const addresses = addressReply.messages.flatMap((m) => {
      const a = m.type === RTM_NEWADDR ? decodeAddress(m.payload) : undefined;
      return a === undefined ? [] : [a];
    });
    return { links, addresses };
  };

  const resync = async (): Promise<void> => {
    if (resyncing) return;
    resyncing = true;
    // Events from now on are newer than the dump below: hold them until it is applied.
    backlog ??= [];
    try {
      const fresh = await dump();
      if (typeof fresh === 'string') logger?.error(`link monitor: re-dump failed: ${fresh}`);
      else emit(table.replace(fresh.links, fresh.addresses));
    } finally {
      const held = backlog ?? [];
      backlog = undefined;
      resyncing = false;
      for (const message of held) emit(applyMessage(table, message));
    }
  };

  events.onDatagram((datagram) => {
    for (const message of decodeMessages(datagram)) {
      if (backlog !== undefined) backlog.push(message);
      else emit(applyMessage(table, message));
    }
  });
  events.onError((code) => {
    logger?.warn(`link monitor: netlink event socket error ${code}; re-reading links and addresses`);
    if (code === 'ENOBUFS') void resync();
  });
  for (const group of [RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR]) events.join(group);

  const initial = await dump();
  if (typeof initial === 'string') {
    events.close();
    requests.close();
    throw new Error(`link monitor: initial netlink dump failed: ${initial}`);
  }
  for (const link of initial.links) table.setLink(link);
  for (const address of initial.addresses) table.addAddress(address);
  for (const message of backlog) applyMessage(table, message);
  backlog = undefined;

  return {
    link: (name) => table.link(name),
    links: () => table.links(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      events.close();
      requests.close();
    },
  };
}
