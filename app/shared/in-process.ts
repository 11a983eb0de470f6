import { EventEmitter } from 'node:events';
import { InProcessLock } from '../../engine/turn-lock.js';
import type { Broadcast, SharedLayer } from '../../ports/shared.js';

/** One process: a broadcast reaches this process's subscribers, synchronously. */
export class InProcessBroadcast implements Broadcast {
  private readonly emitter = new EventEmitter().setMaxListeners(1000);
  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }
  subscribe(topic: string, handler: (payload: unknown) => void): void {
    this.emitter.on(topic, handler);
  }
}

export function inProcessLayer(): SharedLayer {
  return {
    kind: 'in-process',
    lock: new InProcessLock(),
    broadcast: new InProcessBroadcast(),
    health: () => Promise.resolve('ok'),
    close: () => Promise.resolve(),
  };
}
