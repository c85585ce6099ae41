/**
 * @module remote-price-source: the price source of an advise worker: it asks the request thread, which
 * holds the real one. So every request shares one cache and one circuit breaker, and network waits
 * happen on the thread that is idle anyway.
 */
import type { PriceId } from '../model/price.js';
import type { PriceLookup, PriceSource } from '../pricing/price-source.js';
import { reviveError, type SerializedError } from './worker-protocol.js';

type Answer = { ok: true; lookup: PriceLookup } | { ok: false; error: SerializedError };

export class RemotePriceSource implements PriceSource {
  /** The request thread's source's name; set per job (a worker runs one job at a time). */
  name: string;
  readonly #ask: (callId: number, region: string, ids: PriceId[]) => void;
  readonly #waiting = new Map<number, (answer: Answer) => void>();
  #nextId = 1;

  /** `ask` sends the question to the request thread; `answer` is called with its reply. */
  constructor(name: string, ask: (callId: number, region: string, ids: PriceId[]) => void) {
    this.name = name;
    this.#ask = ask;
  }

  getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    const callId = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(callId, (answer) =>
        answer.ok ? resolve(answer.lookup) : reject(reviveError(answer.error)),
      );
      this.#ask(callId, region, [...ids]);
    });
  }

  /** Delivers the request thread's reply to the lookup waiting for it. */
  answer(callId: number, answer: Answer): void {
    const settle = this.#waiting.get(callId);
    this.#waiting.delete(callId);
    settle?.(answer);
  }
}
