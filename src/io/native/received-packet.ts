/** Adapts a received datagram to the codec's input (src/protocol receiveAdvert / decodeAdvert). */
import type { ReceivedPacket } from '../../protocol/index.js';
import type { ReceivedDatagram } from './raw-ip-socket.js';

export function toReceivedPacket(datagram: ReceivedDatagram): ReceivedPacket {
  if (datagram.family === 'ipv4') return { family: 'ipv4', datagram: datagram.data };
  return {
    family: 'ipv6',
    payload: datagram.data,
    source: datagram.source,
    destination: datagram.destination,
    hopLimit: datagram.hopLimit,
  };
}
