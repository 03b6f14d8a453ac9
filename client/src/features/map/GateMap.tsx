import { useEffect } from 'react';
import { AttributionControl, MapContainer, TileLayer, useMap } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import 'leaflet/dist/leaflet.css';
import { useConfig } from '../../stores/index.tsx';
import { BaseLayers } from './BaseLayers.tsx';
import { FitToArea } from './FitToArea.tsx';
import { GateMarkers } from './GateMarkers.tsx';
import { useGeoLayers } from './geo.ts';
import { Legend } from './Legend.tsx';
import { PlaceLabels } from './PlaceLabels.tsx';

// The border area of Lạng Sơn from bundled offline layers; online tiles only when the deployment configures them.

// The map box of the offline layers (SOURCES.md), with a little slack for panning.
const MAX_BOUNDS: [[number, number], [number, number]] = [[21.1, 105.7], [22.8, 107.9]];

/** Leaflet measures its container once; the panel layout can change size after first paint. */
function KeepSized() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

export function GateMap() {
  const { t } = useTranslation();
  const geo = useGeoLayers();
  const tiles = useConfig((s) => s.config.map);
  return (
    <section className="map-area" aria-label={t('map.label')}>
      <MapContainer
        className="map"
        center={[21.85, 106.75]}
        zoom={9}
        minZoom={8}
        maxZoom={15}
        maxBounds={MAX_BOUNDS}
        zoomSnap={0.25}
        attributionControl={false}
        data-testid="map"
      >
        <AttributionControl prefix='<a href="https://leafletjs.com">Leaflet</a>' />
        {tiles.tileUrl !== undefined && <TileLayer url={tiles.tileUrl} attribution={tiles.tileAttribution ?? ''} opacity={0.85} />}
        {geo && <BaseLayers geo={geo} overTiles={tiles.tileUrl !== undefined} />}
        {geo && <PlaceLabels geo={geo} />}
        {geo && <FitToArea province={geo.province} />}
        <GateMarkers />
        <KeepSized />
      </MapContainer>
      <Legend />
    </section>
  );
}
