/** What every socket of the addon shares: stop receiving, keep the process alive or not, close. */
import type { NativeSocket } from './binding.js';

export abstract class NativeSocketHandle {
  protected constructor(protected readonly native: NativeSocket) {}

  stopReceiving(): void {
    this.native.stop();
  }

  /** Lets the process exit while this socket is receiving (like net.Socket#unref). */
  unref(): this {
    this.native.setRef(false);
    return this;
  }

  ref(): this {
    this.native.setRef(true);
    return this;
  }

  /** Stops receiving and closes the socket; safe to call more than once. */
  close(): void {
    this.native.close();
  }

  get closed(): boolean {
    return !this.native.isOpen();
  }
}
