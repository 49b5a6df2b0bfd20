// The centres on an offline map: Latvia's outline from a GeoJSON file shipped with the console
// (Natural Earth, public domain) and the centres from GET /api/v1/network/centres.geojson, drawn
// as SVG in an equirectangular projection scaled by cos(latitude). No tiles, no network.
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import latvia from './latvia.geo.json';
import { ADMIN_NS } from './admin-i18n';

export interface CentreFeature {
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: { code: string; name: string; fullName: string; kind: string; status: string; municipality?: string; videoBooths: number };
}

const BOUNDS = { west: 20.9, east: 28.3, south: 55.6, north: 58.1 };
const WIDTH = 640;
const K = Math.cos((57 * Math.PI) / 180);
const HEIGHT = Math.round((WIDTH * (BOUNDS.north - BOUNDS.south)) / ((BOUNDS.east - BOUNDS.west) * K));

const project = ([lon, lat]: [number, number]): [number, number] => [
  ((lon - BOUNDS.west) / (BOUNDS.east - BOUNDS.west)) * WIDTH,
  ((BOUNDS.north - lat) / (BOUNDS.north - BOUNDS.south)) * HEIGHT,
];

const STATUS_STYLE: Record<string, { fill: string; shape: 'circle' | 'square' | 'diamond' }> = {
  active: { fill: '#1b6e3a', shape: 'circle' },
  planned: { fill: '#8a5a00', shape: 'square' },
  suspended: { fill: '#a4262c', shape: 'diamond' },
};

function outlinePath(): string {
  const parts: string[] = [];
  for (const f of (latvia as { features: Array<{ geometry: { type: string; coordinates: number[][][] } }> }).features) {
    for (const ring of f.geometry.coordinates) {
      parts.push(ring.map((pt, i) => `${i === 0 ? 'M' : 'L'}${project(pt as [number, number]).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z');
    }
  }
  return parts.join('');
}

export function CentresMap({ features }: { features: CentreFeature[] }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [hover, setHover] = useState<CentreFeature | null>(null);
  const outline = useMemo(outlinePath, []);
  const points = features.filter((f) => f.geometry);
  const byStatus = points.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.properties.status]: (acc[f.properties.status] ?? 0) + 1 }), {});
  return (
    <figure className="centres-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="map-title map-desc" width="100%">
        <title id="map-title">{t('map.title')}</title>
        <desc id="map-desc">{t('map.desc', { count: points.length })}</desc>
        <path d={outline} fill="#eef2f6" stroke="#4a5866" strokeWidth={1.5} />
        {points.map((f) => {
          const [x, y] = project(f.geometry!.coordinates);
          const style = STATUS_STYLE[f.properties.status] ?? { fill: '#3d4a57', shape: 'circle' as const };
          const common = { fill: style.fill, stroke: '#fff', strokeWidth: 0.8, onMouseEnter: () => setHover(f), onMouseLeave: () => setHover(null) };
          if (style.shape === 'square') return <rect key={f.id} x={x - 3} y={y - 3} width={6} height={6} {...common} />;
          if (style.shape === 'diamond') return <path key={f.id} d={`M${x},${y - 4}L${x + 4},${y}L${x},${y + 4}L${x - 4},${y}Z`} {...common} />;
          return <circle key={f.id} cx={x} cy={y} r={3.5} {...common} />;
        })}
      </svg>
      <figcaption>
        <ul className="map-legend">
          {Object.entries(byStatus).map(([status, n]) => (
            <li key={status}>
              <svg width="12" height="12" aria-hidden="true">
                {(STATUS_STYLE[status]?.shape ?? 'circle') === 'circle' ? (
                  <circle cx="6" cy="6" r="5" fill={STATUS_STYLE[status]?.fill ?? '#3d4a57'} />
                ) : (
                  <rect x="1" y="1" width="10" height="10" fill={STATUS_STYLE[status]?.fill ?? '#3d4a57'} />
                )}
              </svg>{' '}
              {t(`centreStatus.${status}`, { defaultValue: status })}: {n}
            </li>
          ))}
        </ul>
        <p aria-live="polite">{hover ? `${hover.properties.fullName} (${t(`centreStatus.${hover.properties.status}`, { defaultValue: hover.properties.status })})` : '\u00a0'}</p>
      </figcaption>
    </figure>
  );
}
