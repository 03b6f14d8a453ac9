import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { GateStatus } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { congestionLevel, queueTotal, useGates, useSelection, yardShare } from '../../stores/index.tsx';
import { markerHtml, placementOf } from './markerHtml.ts';

// One Leaflet marker per gate, kept in a ref and updated in place as deltas arrive; renders nothing.

interface Entry {
  marker: L.Marker;
  html: string;
}

export function GateMarkers() {
  const map = useMap();
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const byId = useGates((s) => s.byId);
  const selectedId = useSelection((s) => s.gateId);
  const select = useSelection((s) => s.select);
  const entries = useRef(new Map<string, Entry>());

  useEffect(() => {
    const gates: GateStatus[] = Object.values(byId);
    const seen = new Set<string>();
    for (const gate of gates) {
      seen.add(gate.id);
      const name = i18n.language === 'en' ? gate.name.en : gate.name.vi;
      const total = queueTotal(gate);
      const html = markerHtml({
        id: gate.id,
        name,
        queueText: f.number(total),
        level: congestionLevel(yardShare(gate)),
        placement: placementOf(gate, gates),
        selected: gate.id === selectedId,
        status: gate.status,
        statusText: gate.status === 'receiving' ? '' : t(`map.${gate.status}`),
      });
      const icon = L.divIcon({ className: 'gate-marker-icon', html, iconSize: [0, 0] });
      const entry = entries.current.get(gate.id);
      if (!entry) {
        const marker = L.marker([gate.lat, gate.lon], { icon, title: name, riseOnHover: true, zIndexOffset: 1000 });
        marker.on('click', () => select(gate.id));
        marker.addTo(map);
        entries.current.set(gate.id, { marker, html });
        continue;
      }
      entry.marker.setLatLng([gate.lat, gate.lon]);
      if (entry.html !== html) {
        entry.marker.setIcon(icon);
        entry.marker.options.title = name;
        entry.html = html;
      }
    }
    for (const [id, entry] of entries.current) {
      if (!seen.has(id)) {
        entry.marker.remove();
        entries.current.delete(id);
      }
    }
  }, [map, byId, selectedId, select, f, t, i18n.language]);

  useEffect(() => {
    const current = entries.current;
    return () => {
      for (const entry of current.values()) entry.marker.remove();
      current.clear();
    };
  }, [map]);

  return null;
}
