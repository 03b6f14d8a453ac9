import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { FeatureCollection } from 'geojson';
import { useGates } from '../../stores/index.tsx';

// Once, when the province and the gates are known: frame both. Later updates never move the operator's view.

export function FitToArea({ province }: { province: FeatureCollection }) {
  const map = useMap();
  const gates = useGates((s) => s.byId);
  const done = useRef(false);
  const hasGates = Object.keys(gates).length > 0;

  useEffect(() => {
    if (done.current) return;
    const bounds = L.geoJSON(province).getBounds();
    for (const gate of Object.values(gates)) bounds.extend([gate.lat, gate.lon]);
    if (!bounds.isValid()) return;
    // Extra room on the right: labels of the eastern gates (Chi Ma) extend that way.
    const right = Math.min(70, map.getSize().x * 0.08);
    map.fitBounds(bounds, { paddingTopLeft: [12, 12], paddingBottomRight: [right, 12] });
    if (hasGates) done.current = true;
  }, [map, province, gates, hasGates]);

  return null;
}
