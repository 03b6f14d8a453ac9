import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { FeatureCollection } from 'geojson';
import { useGates } from '../../stores/index.tsx';

// Once, when the province and the gates are known: frame both. Later updates never move the operator's view.

const MARGIN = 6;

/**
 * Pan (or, when both sides overflow, zoom out a quarter step and look again) until every gate label lies inside
 * the map: on a 390 px phone the province fits but Tân Thanh's label, which points west, and Chi Ma's, east, did not.
 */
export function keepLabelsInside(map: L.Map): void {
  const container = map.getContainer();
  for (let attempt = 0; attempt < 12; attempt++) {
    const box = container.getBoundingClientRect();
    const rects = [...container.querySelectorAll('.gm__label')].map((e) => e.getBoundingClientRect());
    if (rects.length === 0 || box.width === 0) return;
    const left = Math.min(...rects.map((r) => r.left)) - box.left - MARGIN;
    const right = box.right - MARGIN - Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top)) - box.top - MARGIN;
    const bottom = box.bottom - MARGIN - Math.max(...rects.map((r) => r.bottom));
    if (left >= 0 && right >= 0 && top >= 0 && bottom >= 0) return;
    if (left + right < 0 || top + bottom < 0) {
      if (map.getZoom() <= map.getMinZoom()) return;
      map.setZoom(map.getZoom() - 0.25, { animate: false });
      continue;
    }
    map.panBy([left < 0 ? left : right < 0 ? -right : 0, top < 0 ? top : bottom < 0 ? -bottom : 0], { animate: false });
  }
}

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
    map.fitBounds(bounds, { paddingTopLeft: [12, 12], paddingBottomRight: [right, 12], animate: false });
    if (!hasGates) return;
    done.current = true;
    // The markers are drawn after this effect: once they are, keep their labels on screen (a phone's narrow map).
    const frame = requestAnimationFrame(() => keepLabelsInside(map));
    return () => cancelAnimationFrame(frame);
  }, [map, province, gates, hasGates]);

  return null;
}
