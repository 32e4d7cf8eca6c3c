/** Raw Ethernet frames out of an interface: gratuitous ARP and unsolicited neighbour advertisements. */
export interface FrameSender {
  /** Sends a whole Ethernet frame (built by src/protocol); returns why it failed, or undefined. */
  sendFrame(interfaceName: string, frame: Uint8Array): string | undefined;
  /**
   * Whether IPv6 forwarding is on for the interface (net.ipv6.conf.IF.forwarding): keepalived
   * then sets the Router flag in its unsolicited NAs. Absent: never a router.
   */
  isIpv6Router?(interfaceName: string): boolean;
}
