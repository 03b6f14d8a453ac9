import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { whatIfRows, type WhatIfGate } from './what-if.ts';

// The projected queue of one gate with and without the draft notice, the yard's capacity, the notice's
// period shaded. Loaded on first use (recharts stays out of the public board's first load).

const COLOURS = { without: '#c05621', with: '#1f5f9e', capacity: '#b42b2b', window: '#b7791f' } as const;

export interface WhatIfChartProps {
  gate: WhatIfGate;
  from: string;
  until: string | undefined;
  label: string;
  text: { with: string; without: string; capacity: string };
  /** Day ticks, "14:00 12/02" in the tooltip, whole trucks — the console's own formatters. */
  fmt: { day: (ms: number) => string; full: (ms: number) => string; number: (n: number) => string };
}

export function WhatIfChart({ gate, from, until, label, text, fmt }: WhatIfChartProps) {
  const rows = useMemo(() => whatIfRows(gate), [gate]);
  // A tick at each local midnight of the forecast (the server writes its hours in local time).
  const ticks = gate.without.total.filter((p) => p.at.slice(11, 16) === '00:00').map((p) => Date.parse(p.at));
  const first = rows[0]?.t ?? 0;
  const last = rows[rows.length - 1]?.t ?? 0;
  const x1 = Math.max(first, Date.parse(from));
  const x2 = Math.min(last, until === undefined ? last : Date.parse(until));

  return (
    <div className="what-if__chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e6eaee" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} ticks={ticks} tickFormatter={fmt.day} tick={{ fontSize: 10.5 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 10.5 }} width={40} tickFormatter={fmt.number} allowDecimals={false} />
          <Tooltip
            labelFormatter={(value) => (typeof value === 'number' ? fmt.full(value) : String(value))}
            formatter={(value) => (typeof value === 'number' ? fmt.number(value) : String(value ?? '—'))}
            contentStyle={{ fontSize: 12, borderRadius: 4 }}
          />
          <Legend verticalAlign="top" align="right" iconSize={9} wrapperStyle={{ fontSize: 11.5, paddingBottom: 2 }} />
          {x1 < x2 && <ReferenceArea x1={x1} x2={x2} fill={COLOURS.window} fillOpacity={0.1} ifOverflow="hidden" />}
          <ReferenceLine y={gate.yardCapacity} stroke={COLOURS.capacity} strokeDasharray="2 3" ifOverflow="extendDomain" label={{ value: text.capacity, position: 'insideTopLeft', fontSize: 10, fill: '#8f2121' }} />
          <Line type="monotone" dataKey="without" name={text.without} stroke={COLOURS.without} strokeWidth={1.8} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="with" name={text.with} stroke={COLOURS.with} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
