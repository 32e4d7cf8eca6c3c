/**
 * Interface lookups by name (ioctl SIOCGIFINDEX / SIOCGIFHWADDR), optionally in another network
 * namespace. For watching links and addresses change, use netlink instead.
 */
import { nativeBinding } from './binding.js';

const ARPHRD_ETHER = 1;

/** The interface's index; throws a NativeError with code ENODEV when there is no such interface. */
export function interfaceIndex(name: string, netns?: string): number {
  return nativeBinding().interfaceIndex(name, netns);
}

/**
 * The interface's 6-byte MAC address, or undefined when its link type has none (loopback,
 * tunnels). Throws a NativeError with code ENODEV when there is no such interface.
 */
export function macAddress(name: string, netns?: string): Uint8Array | undefined {
  const { type, address } = nativeBinding().hardwareAddress(name, netns);
  return type === ARPHRD_ETHER && address.length === 6 ? new Uint8Array(address) : undefined;
}
