/**
 * The RoutingMonitor port over rtnetlink: a socket joined to the IPv4/IPv6 route and rule groups,
 * open only while someone listens (an instance with virtual routes or rules), since on a router
 * with a full table every route change crosses it. Only deletions are decoded.
 */
import type { Logger } from '../../../ports/logger.js';
import type { RoutingEvent, RoutingMonitor } from '../../../ports/routing.js';
import { decodeMessages } from './codec.js';
import { RTM_DELROUTE, RTM_DELRULE, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV6_RULE } from './constants.js';
import { decodeRemovedRoute, decodeRemovedRule } from './removed-messages.js';
import { createSocketTransport } from './transport.js';
import type { NetlinkTransport } from './transport.js';

export interface NetlinkRoutingMonitorOptions {
  readonly logger?: Logger;
  /** Opens the event socket (a real one by default). */
  readonly open?: () => NetlinkTransport;
}

export interface NetlinkRoutingMonitor extends RoutingMonitor {
  close(): void;
}

/** The event one kernel message implies, if it is a deletion. */
export function routingEventOf(type: number, payload: Buffer): RoutingEvent | undefined {
  if (type === RTM_DELROUTE) {
    const route = decodeRemovedRoute(payload);
    return route === undefined ? undefined : { type: 'route-removed', route };
  }
  if (type === RTM_DELRULE) {
    const rule = decodeRemovedRule(payload);
    return rule === undefined ? undefined : { type: 'rule-removed', rule };
  }
  return undefined;
}

export function createNetlinkRoutingMonitor(options: NetlinkRoutingMonitorOptions = {}): NetlinkRoutingMonitor {
  const logger = options.logger;
  const open = options.open ?? (() => createSocketTransport({ receiveBufferBytes: 8 << 20 }));
  const listeners = new Set<(event: RoutingEvent) => void>();
  let socket: NetlinkTransport | undefined;

  const emit = (event: RoutingEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        logger?.error(`routing monitor listener threw: ${String(error)}`);
      }
    }
  };

  const start = (): NetlinkTransport => {
    const s = open();
    s.onDatagram((datagram) => {
      for (const message of decodeMessages(datagram)) {
        const event = routingEventOf(message.type, message.payload);
        if (event !== undefined) emit(event);
      }
    });
    // A full receive buffer loses deletions with no way to learn which: say so, and carry on.
    s.onError((code) => logger?.warn(`routing monitor: netlink event socket error ${code}; deletions of virtual routes or rules may have been missed`));
    for (const group of [RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE]) s.join(group);
    return s;
  };

  const stop = (): void => {
    socket?.close();
    socket = undefined;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      socket ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}
