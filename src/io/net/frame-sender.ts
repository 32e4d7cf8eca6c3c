/**
 * FrameSender over AF_PACKET: one send-only socket per interface, opened on first use and kept.
 * A cached socket is bound to an interface index; when the interface was deleted (and maybe
 * recreated under the same name) the send fails with ENXIO/ENODEV, and the sender looks the name
 * up again and retries once on a fresh socket.
 */
import { readFileSync } from 'node:fs';
import type { FrameSender } from '../../ports/frames.js';
import { describeFailure, nativeNetHost, type FrameSocketLike, type NetHost } from './host.js';
import { isFailure, type Failure } from './socket-pool.js';

export interface FrameSenderOptions {
  /** Network namespace file (e.g. /run/netns/blue) to send in; default: the process's. */
  readonly netns?: string | undefined;
  /** Sockets and lookups; default: the addon (in `netns`). */
  readonly host?: NetHost | undefined;
  /** Reads a sysctl file (/proc/sys/...); default: the file system (of the process's namespace). */
  readonly readSysctl?: ((path: string) => string | undefined) | undefined;
}

function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface HostFrameSender extends FrameSender {
  /** Closes every cached socket (a later send opens them again). */
  close(): void;
}

/** The interface behind the cached index is gone. */
const STALE_INTERFACE = new Set(['ENXIO', 'ENODEV']);

interface Cached {
  readonly ifindex: number;
  readonly socket: FrameSocketLike;
}

export function createFrameSender(options: FrameSenderOptions = {}): HostFrameSender {
  const host = options.host ?? nativeNetHost(options.netns);
  const cache = new Map<string, Cached>();

  const openFor = (interfaceName: string): Cached | Failure => {
    try {
      const ifindex = host.interfaceIndex(interfaceName);
      const cached = { ifindex, socket: host.openFrameSocket(ifindex) };
      cache.set(interfaceName, cached);
      return cached;
    } catch (error) {
      return { error: `${interfaceName}: ${describeFailure(error)}` };
    }
  };

  const forget = (interfaceName: string): void => {
    cache.get(interfaceName)?.socket.close();
    cache.delete(interfaceName);
  };

  return {
    sendFrame(interfaceName, frame) {
      const known = cache.get(interfaceName);
      const entry = known ?? openFor(interfaceName);
      if (isFailure(entry)) return entry.error;
      const error = entry.socket.send(frame);
      if (error === undefined) return undefined;
      if (known === undefined || !STALE_INTERFACE.has(error.code)) return `${interfaceName}: ${error.message}`;
      forget(interfaceName);
      const fresh = openFor(interfaceName);
      if (isFailure(fresh)) return fresh.error;
      const retryError = fresh.socket.send(frame);
      return retryError === undefined ? undefined : `${interfaceName}: ${retryError.message}`;
    },
    isIpv6Router(interfaceName) {
      // /proc/sys shows the process's own namespace: in another one we cannot tell.
      if (options.netns !== undefined && options.readSysctl === undefined) return false;
      if (interfaceName.includes('/') || interfaceName.startsWith('.')) return false;
      const text = (options.readSysctl ?? readProcFile)(`/proc/sys/net/ipv6/conf/${interfaceName}/forwarding`);
      return text !== undefined && text.trim() !== '' && text.trim() !== '0';
    },
    close() {
      for (const name of [...cache.keys()]) forget(name);
    },
  };
}
