// Child of bench-live.ts: K socket.io clients (websocket transport) against URL. Each counts its
// deltas and notes, with the shared wall clock, when it first sees the marker gate's `expected`
// reach each value. Reports to the parent over IPC when told to stop.
import { io, type Socket } from 'socket.io-client';
import { answerParent, clockMs } from './bench-util.ts';

const url = process.env.URL ?? '';
const k = Number(process.env.CLIENTS ?? 1000);
const marker = process.env.MARKER_GATE ?? 'chi-ma';
const proc = Number(process.env.PROC ?? 0);
/** Consoles come from many addresses, and the server caps live connections per address: 25 per 127.x.y.z. */
const addressOf = (i: number): string => {
  const n = Math.floor(i / 25);
  return `127.${10 + proc}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

interface GateLike {
  id?: unknown;
  expected?: { export?: unknown; import?: unknown };
}
const expectedOf = (gates: unknown): number | undefined => {
  if (!Array.isArray(gates)) return undefined;
  const g = (gates as GateLike[]).find((x) => x.id === marker);
  const e = g?.expected;
  return e && typeof e.export === 'number' && typeof e.import === 'number' ? e.export + e.import : undefined;
};

const sockets: Socket[] = [];
const deltas = new Array<number>(k).fill(0);
/** seen[value] = receive times (one per client that saw the marker gate reach `value`). */
const seen = new Map<number, number[]>();
let connected = 0;
let counting = false;

for (let i = 0; i < k; i++) {
  // localAddress reaches the `ws` socket (engine.io-client passes it on) but is not in socket.io's types.
  const options = { transports: ['websocket'], reconnection: false, forceNew: true, localAddress: addressOf(i) };
  const socket = io(url, options);
  let last: number | undefined;
  const observe = (gates: unknown): void => {
    const v = expectedOf(gates);
    if (v === undefined) return;
    const t = clockMs();
    if (last !== undefined) for (let x = last + 1; x <= v; x++) (seen.get(x) ?? seen.set(x, []).get(x))?.push(t);
    last = v;
  };
  socket.on('snapshot', (s: { gates?: unknown }) => {
    if (last === undefined) connected += 1;
    observe(s.gates);
  });
  socket.on('delta', (d: { gates?: unknown }) => {
    if (counting) deltas[i] = (deltas[i] ?? 0) + 1;
    observe(d.gates);
  });
  sockets.push(socket);
}

answerParent(k, {
  connected: () => connected,
  setCounting: (on) => void (counting = on),
  report: () => ({ deltas, seen: [...seen], connected }),
  close: () => {
    for (const s of sockets) s.close();
  },
});
