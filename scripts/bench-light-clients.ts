// Child of bench-cluster.ts: K live clients against URL that cost as little CPU as a client can, so that on
// one machine the figure measures the server and not the clients (real consoles run on their own devices).
// Each speaks the Socket.IO wire protocol over a bare WebSocket (`ws`, what socket.io-client uses underneath):
// engine.io open → `40` (connect to "/") → `42["snapshot"|"delta", …]` frames, answering pings (`2` → `3`).
// Instead of parsing every frame it looks for the marker gate's `expected` figures in the text (GateStatus
// is serialised with `id` first and `expected` a few keys later), and notes, with the shared wall clock,
// when it first sees them reach each value. Reports to the parent over IPC when told to stop — the same
// messages as bench-live-clients.ts.
import WebSocket from 'ws';
import { answerParent, clockMs } from './bench-util.ts';

const url = (process.env.URL ?? '').replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
const k = Number(process.env.CLIENTS ?? 1000);
const marker = process.env.MARKER_GATE ?? 'chi-ma';
const proc = Number(process.env.PROC ?? 0);
/** Consoles come from many addresses: 25 per 127.x.y.z (the server may cap connections per address). */
const addressOf = (i: number): string => {
  const n = Math.floor(i / 25);
  return `127.${10 + proc}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
const markerFigures = new RegExp(`"id":"${marker}".*?"expected":\\{"export":(\\d+),"import":(\\d+)\\}`);

const seen = new Map<number, number[]>();
const deltas = new Array<number>(k).fill(0);
const sockets: WebSocket[] = [];
let connected = 0;
let counting = false;
let stopping = false;
/** Connections lost after they were live (each client then connects again, as a console does). */
let closed = 0;
const live = new Array<boolean>(k).fill(false);
const last = new Array<number | undefined>(k).fill(undefined);

function open(i: number): void {
  const ws = new WebSocket(url, { localAddress: addressOf(i), perMessageDeflate: false });
  sockets[i] = ws;
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (text === '2') return void ws.send('3');
    if (text.startsWith('0')) return void ws.send('40');
    if (!text.startsWith('42[')) return;
    const isSnapshot = text.startsWith('42["snapshot"');
    if (!isSnapshot && counting) deltas[i] = (deltas[i] ?? 0) + 1;
    const m = markerFigures.exec(text);
    if (!m) return;
    const v = Number(m[1]) + Number(m[2]);
    const t = clockMs();
    if (!live[i]) {
      live[i] = true;
      connected += 1;
    }
    const before = last[i];
    if (before !== undefined) for (let x = before + 1; x <= v; x++) (seen.get(x) ?? seen.set(x, []).get(x))?.push(t);
    last[i] = v;
  });
  ws.on('error', () => undefined);
  ws.on('close', () => {
    if (stopping) return;
    if (live[i]) {
      live[i] = false;
      connected -= 1;
      closed += 1;
    }
    setTimeout(() => open(i), 1_000); // refused or dropped: again, as socket.io-client would
  });
}
for (let i = 0; i < k; i++) open(i);

answerParent(k, {
  connected: () => connected,
  closed: () => closed,
  setCounting: (on) => void (counting = on),
  report: () => ({ deltas, seen: [...seen], connected, closed }),
  close: () => {
    stopping = true;
    for (const s of sockets) s.terminate();
  },
});
