import type { GateStatus, GateStatusValue } from '../../../../shared/index.ts';
import type { CongestionLevel } from '../../stores/index.tsx';

// HTML of a gate marker: a dot on the exact spot and a label with the queue, pushed away from close neighbours.

export type Placement = 'ne' | 'nw' | 'se' | 'sw';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Another gate this close (degrees, ≈ 50 km) in the quadrant a label points to would sit under it at province zoom. */
const CROWD_RADIUS = 0.5;

const inQuadrant = (gate: GateStatus, other: GateStatus, p: Placement): boolean =>
  (p[0] === 'n' ? other.lat > gate.lat : other.lat < gate.lat) && (p[1] === 'e' ? other.lon > gate.lon : other.lon < gate.lon);

/** Hữu Nghị and Tân Thanh are ~4 km apart: at province zoom their labels would overlap unless each points away
 *  from its nearest neighbour. When another gate lies near in that direction (Chi Ma, south-east of Hữu Nghị), the
 *  label turns to the other vertical side, then to the other horizontal side, still away from the nearest. */
export function placementOf(gate: GateStatus, all: readonly GateStatus[]): Placement {
  let nearest: GateStatus | undefined;
  let best = Infinity;
  for (const other of all) {
    if (other.id === gate.id) continue;
    const d = Math.hypot(other.lat - gate.lat, other.lon - gate.lon);
    if (d < best) [best, nearest] = [d, other];
  }
  if (!nearest) return 'ne';
  const ns = gate.lat >= nearest.lat ? 'n' : 's';
  const ew = gate.lon >= nearest.lon ? 'e' : 'w';
  const flip = { n: 's', s: 'n', e: 'w', w: 'e' } as const;
  const candidates: Placement[] = [`${ns}${ew}`, `${flip[ns]}${ew}`, `${ns}${flip[ew]}`];
  const crowded = (p: Placement) =>
    all.some((o) => o.id !== gate.id && Math.hypot(o.lat - gate.lat, o.lon - gate.lon) < CROWD_RADIUS && inQuadrant(gate, o, p));
  return candidates.find((p) => !crowded(p)) ?? `${ns}${ew}`;
}

/** "Cửa khẩu quốc tế Hữu Nghị" → "Hữu Nghị"; "Tân Thanh Border Gate" → "Tân Thanh". */
export const shortName = (name: string): string =>
  name
    .replace(/^Cửa khẩu\s+(quốc tế\s+|chính\s+|phụ\s+)?/iu, '')
    .replace(/\s+(International\s+|Main\s+)?Border Gate$/iu, '')
    .trim() || name;

export interface MarkerView {
  id: string;
  name: string;
  queueText: string;
  level: CongestionLevel;
  placement: Placement;
  selected: boolean;
  /** restricted / stopped gates get an outline and a mark on the label (hạn chế / tạm dừng tiếp nhận). */
  status: GateStatusValue;
  statusText: string;
}

export const markerHtml = (v: MarkerView): string =>
  `<div class="gm gm--${v.placement} gm--${v.level}${v.selected ? ' gm--selected' : ''}${v.status === 'receiving' ? '' : ` gm--${v.status}`}" data-testid="gate-marker-${escapeHtml(v.id)}" data-status="${v.status}">` +
  `<span class="gm__dot"></span><span class="gm__stem"></span>` +
  `<span class="gm__label"><b class="gm__count" data-testid="marker-queue-${escapeHtml(v.id)}">${escapeHtml(v.queueText)}</b>` +
  `<span class="gm__name">${escapeHtml(shortName(v.name))}</span>` +
  (v.status === 'receiving' ? '' : `<span class="gm__status">${escapeHtml(v.statusText)}</span>`) +
  `</span></div>`;
