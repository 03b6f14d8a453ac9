// The single writer: every use case that changes the state runs its decide → commit → apply as one
// turn of this queue, so a decision is never made against a state another write is about to change,
// even though the commit awaits the store. Reads never wait for it.

export interface WriteQueue {
  run<T>(turn: () => Promise<T>): Promise<T>;
  /** Resolves once every turn queued so far has finished. */
  idle(): Promise<void>;
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(turn) {
      const result = tail.then(turn, turn);
      tail = result.catch(() => undefined);
      return result;
    },
    idle: () => tail.then(() => undefined),
  };
}
