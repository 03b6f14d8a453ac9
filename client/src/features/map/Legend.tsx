import { useTranslation } from 'react-i18next';
import type { CongestionLevel } from '../../stores/index.tsx';

// Key to the marker colours (queue as a share of yard capacity), and to the base map's roads, railway and towns.

const LEVELS: readonly { level: CongestionLevel; range: string }[] = [
  { level: 'low', range: '< 50 %' },
  { level: 'moderate', range: '50–80 %' },
  { level: 'high', range: '80–100 %' },
  { level: 'full', range: '≥ 100 %' },
];

export function Legend() {
  const { t } = useTranslation();
  return (
    <div className="map-legend" aria-label={t('map.legend')}>
      <div className="map-legend__title">{t('map.legend')}</div>
      <ul>
        {LEVELS.map(({ level, range }) => (
          <li key={level}>
            <span className={`map-legend__swatch level-bg--${level}`} aria-hidden="true" />
            <span className="map-legend__text">{t(`congestion.${level}`)}</span>
            <span className="map-legend__range num">{range}</span>
          </li>
        ))}
      </ul>
      <ul className="map-legend__base">
        <li>
          <span className="map-legend__line map-legend__line--road" aria-hidden="true" />
          <span className="map-legend__text">{t('map.road')}</span>
        </li>
        <li>
          <span className="map-legend__line map-legend__line--rail" aria-hidden="true" />
          <span className="map-legend__text">{t('map.rail')}</span>
        </li>
        <li>
          <span className="map-legend__town" aria-hidden="true" />
          <span className="map-legend__text">{t('map.town')}</span>
        </li>
      </ul>
    </div>
  );
}
