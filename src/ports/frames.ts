/** Raw Ethernet frames out of an interface: gratuitous ARP and unsolicited neighbour advertisements. */
export interface FrameSender {
  /** Sends a whole Ethernet frame (built by src/protocol); returns why it failed, or undefined. */
  sendFrame(interfaceName: string, frame: Uint8Array): string | undefined;
}
