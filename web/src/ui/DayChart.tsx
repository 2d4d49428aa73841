// A chart of figures per day: bars for counts side by side (opened, solved) and an optional line
// (the backlog) over the same axis. Plain SVG, no library: a few hundred bytes of shapes, and the
// same numbers are also given as a table for screen readers (the SVG is one labelled image).
import { ChartCaption, type ChartSeries } from './ChartLegend';
import { niceCeiling, ticks } from './chartScale';

export type DaySeries = ChartSeries;

interface Props<T extends { date: string }> {
  title: string;
  days: T[];
  bars: DaySeries[];
  line?: DaySeries;
  value: (day: T, key: string) => number;
  /** The axis label of a slot: the day's month and day unless told (a month, a year). */
  label?: (day: T) => string;
  /** The first column's heading in the screen readers' table. */
  slotName?: string;
}

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 24;
const TOP = 8;

export function DayChart<T extends { date: string }>({ title, days, bars, line, value, label = (d) => d.date.slice(5), slotName = 'Day' }: Props<T>) {
  const series = line ? [...bars, line] : bars;
  const max = Math.max(0, ...days.flatMap((d) => series.map((s) => value(d, s.key))));
  const top = niceCeiling(max);
  // Counts: gridlines on whole numbers only (a top of 2 gets 0, 1, 2, not 0.5 steps).
  const gridLines = [4, 5, 2, 1].find((n) => Number.isInteger(top / n)) ?? 4;
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const slot = days.length > 0 ? plotWidth / days.length : plotWidth;
  const barWidth = Math.max(1, (slot * 0.8) / Math.max(1, bars.length));
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(days.length / 10));
  const points = line ? days.map((d, i) => `${LEFT + slot * (i + 0.5)},${y(value(d, line.key))}`).join(' ') : '';
  return (
    <figure className="day-chart">
      <ChartCaption title={title} series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        {ticks(top, gridLines).map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={WIDTH} y1={y(t)} y2={y(t)} className="grid" />
            <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {t}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <g key={d.date}>
            {bars.map((s, j) => {
              const v = value(d, s.key);
              return (
                <rect key={s.key} x={LEFT + slot * i + slot * 0.1 + barWidth * j} y={y(v)} width={barWidth} height={y(0) - y(v)} fill={s.color}>
                  <title>{`${d.date}: ${v} ${s.label.toLowerCase()}`}</title>
                </rect>
              );
            })}
            {i % labelEvery === 0 && (
              <text x={LEFT + slot * (i + 0.5)} y={HEIGHT - 6} textAnchor="middle" className="axis">
                {label(d)}
              </text>
            )}
          </g>
        ))}
        {line && <polyline points={points} fill="none" stroke={line.color} strokeWidth={2} />}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{slotName}</th>
            {series.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              {series.map((s) => (
                <td key={s.key}>{value(d, s.key)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
