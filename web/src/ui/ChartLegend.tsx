// A chart's caption: its title and one swatch per series. Shared by the app's SVG charts.
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export function ChartCaption({ title, series }: { title: string; series: ChartSeries[] }) {
  return (
    <figcaption>
      {title}
      <span className="legend">
        {series.map((s) => (
          <span key={s.key}>
            <i style={{ background: s.color }} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </span>
    </figcaption>
  );
}
