// A horizontal bar chart comparing a few figures across named rows (tickets opened and solved per
// queue, response times per agent): one group of bars per row, the value written at each bar's
// end. Plain SVG like DayChart; the SVG is one labelled image and the numbers are in a table the
// page shows beside it, so this adds the picture, not the data. Rows without a value (nothing to
// measure) draw no bar and say "—".
import { ChartCaption, type ChartSeries } from './ChartLegend';
import { niceCeiling } from './chartScale';

interface Props<T> {
  title: string;
  rows: T[];
  name: (row: T) => string;
  series: ChartSeries[];
  value: (row: T, key: string) => number | null;
  format?: (value: number) => string;
}

// Drawn at about the size it is shown (half a page wide), so its 11px text stays readable.
const WIDTH = 460;
const LABEL = 120;
const VALUE = 56;
const BAR = 12;
const GAP = 10;

export function BarChart<T>({ title, rows, name, series, value, format = String }: Props<T>) {
  const top = niceCeiling(Math.max(0, ...rows.flatMap((r) => series.map((s) => value(r, s.key) ?? 0))));
  const group = BAR * series.length + GAP;
  const height = rows.length * group + GAP;
  const span = WIDTH - LABEL - VALUE;
  return (
    <figure className="day-chart bar-chart">
      <ChartCaption title={title} series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
        {rows.map((row, i) => {
          const y0 = GAP + i * group;
          const label = name(row);
          return (
            <g key={label}>
              <text x={LABEL - 8} y={y0 + (BAR * series.length) / 2 + 4} textAnchor="end" className="axis row-label">
                {label.length > 18 ? `${label.slice(0, 17)}…` : label}
              </text>
              {series.map((s, j) => {
                const v = value(row, s.key);
                const width = v === null ? 0 : Math.max(v > 0 ? 1 : 0, (v / top) * span);
                const text = v === null ? '—' : format(v);
                return (
                  <g key={s.key}>
                    <rect x={LABEL} y={y0 + j * BAR} width={width} height={BAR - 2} fill={s.color}>
                      <title>{`${label}: ${text} ${s.label.toLowerCase()}`}</title>
                    </rect>
                    <text x={LABEL + width + 4} y={y0 + j * BAR + BAR - 3} className="axis">
                      {text}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
