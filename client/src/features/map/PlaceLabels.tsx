import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { roadShields, showsAllTowns, townLabels } from './baseMap.ts';
import type { GeoLayers } from './geo.ts';

// Quiet area names (provinces, the China side) so the map orients without any tiles.

const labelAt = (latLng: L.LatLngExpression, text: string, kind: string) =>
  L.marker(latLng, {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: `place-label place-label--${kind}`, html: `<span>${text}</span>`, iconSize: [0, 0] }),
  });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Place names are proper nouns: the short local name (`Lạng Sơn`) reads right in both languages. */
function featureLabels(fc: FeatureCollection, kind: string): L.Marker[] {
  return fc.features.flatMap((feature) => {
    const name = feature.properties?.['name'];
    if (typeof name !== 'string' || feature.properties?.['country'] === 'CN') return [];
    const center = L.geoJSON(feature).getBounds().getCenter();
    return [labelAt(center, escapeHtml(name), kind)];
  });
}

/** Place names lie under the gate markers (their own pane between the shapes and the markers), so they never cover one. */
const PLACES_PANE = 'places';

/** A label in the places pane: under the gate markers, never clickable. */
const placeMarker = (latLng: L.LatLngExpression, className: string, html: string) =>
  L.marker(latLng, { interactive: false, keyboard: false, pane: PLACES_PANE, icon: L.divIcon({ className, html, iconSize: [0, 0] }) });

/** A town: a small dot and its name beside it. */
const townMarkers = (fc: FeatureCollection): L.Marker[] =>
  townLabels(fc).map(({ name, lat, lon, className }) =>
    placeMarker([lat, lon], className, `<i></i><span data-testid="town-${escapeHtml(name)}">${escapeHtml(name)}</span>`),
  );

/** The number of a national road (QL1A…) on a small shield. */
const shieldMarkers = (fc: FeatureCollection): L.Marker[] =>
  roadShields(fc).map(({ ref, lat, lon }) =>
    placeMarker([lat, lon], 'place-label place-label--road', `<span data-testid="road-${escapeHtml(ref)}">${escapeHtml(ref)}</span>`),
  );

export function PlaceLabels({ geo }: { geo: GeoLayers }) {
  const map = useMap();
  const { t } = useTranslation();
  useEffect(() => {
    if (!map.getPane(PLACES_PANE)) {
      const pane = map.createPane(PLACES_PANE);
      pane.style.zIndex = '450';
      pane.style.pointerEvents = 'none';
    }
    // Minor towns only once zoomed in: at the province's scale they would crowd the gates' labels.
    const container = map.getContainer();
    const onZoom = () => container.classList.toggle('map--all-towns', showsAllTowns(map.getZoom()));
    onZoom();
    map.on('zoomend', onZoom);
    const places = L.layerGroup([...shieldMarkers(geo.roads), ...townMarkers(geo.towns)]);
    places.addTo(map);
    const group = L.layerGroup([
      ...featureLabels(geo.neighbours, 'neighbour'),
      // By hand, where no marker goes: the province's box centre sits on the gates, and Guangxi is
      // clipped to the map box so its centre means nothing.
      ...featureLabels(geo.province, 'province').map((label) => label.setLatLng([21.72, 106.42])),
      labelAt([22.42, 107.2], escapeHtml(t('map.china')), 'country'),
    ]);
    group.addTo(map);
    return () => {
      map.off('zoomend', onZoom);
      places.remove();
      group.remove();
    };
  }, [map, geo, t]);
  return null;
}
