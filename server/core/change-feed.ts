// The one change feed of the application core: every committed change (a batch of events, a notice
// issued or lifted, the clock moved or set) is published once, with what it touched. The live hub,
// metrics and alerts subscribe; no write path has to remember to tell anyone.

export interface Change {
  /** State version (the live stream's seq) this change brings the state to. */
  version: number;
  /** Gates whose figures may have changed. */
  gates: ReadonlySet<string>;
  /** Declarations the change touched (worklists, enterprises' own views). */
  declarations: ReadonlySet<string>;
  /** Notices issued, lifted, or that started or ended with the clock. */
  notices: ReadonlySet<string>;
  /** An operator alert was raised or cleared. */
  alertsChanged: boolean;
  /** The clock's speed or pause changed (every console shows it). */
  clock: boolean;
}

export type ChangeListener = (change: Change) => void;

export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  publish(change: Change): void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    publish(change) {
      // A listener that throws must not keep the others (or the writer) from going on.
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (e) {
          process.emitWarning(`change listener failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    },
  };
}

const none: ReadonlySet<string> = new Set();

export function change(version: number, parts: Partial<Omit<Change, 'version'>>): Change {
  return {
    version,
    gates: parts.gates ?? none,
    declarations: parts.declarations ?? none,
    notices: parts.notices ?? none,
    alertsChanged: parts.alertsChanged ?? false,
    clock: parts.clock ?? false,
  };
}
