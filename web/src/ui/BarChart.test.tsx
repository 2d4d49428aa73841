// The bar chart draws one group per row with bars in proportion on a shared scale, and says "—"
// (and draws nothing) where a row has no value.
import { act } from 'react';
import { expect, it } from 'vitest';
import { testRoot } from '../testing/testRoot';
import { BarChart } from './BarChart';

const t = testRoot();

it('draws bars in proportion on one scale and marks missing values', async () => {
  const rows = [
    { name: 'Billing', opened: 40, solved: 10 },
    { name: 'Returns', opened: 20, solved: null },
  ];
  await act(async () =>
    t.root.render(
      <BarChart
        title="Tickets"
        rows={rows}
        name={(r) => r.name}
        series={[{ key: 'opened', label: 'Opened', color: '#00f' }, { key: 'solved', label: 'Solved', color: '#0f0' }]}
        value={(r, key) => r[key as 'opened' | 'solved']}
        format={(v) => `${v} t`}
      />,
    ),
  );
  const svg = t.container.querySelector('svg[role="img"]')!;
  expect(svg.getAttribute('aria-label')).toBe('Tickets');
  const widths = [...svg.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
  expect(widths).toHaveLength(4);
  expect(widths[0]).toBeCloseTo(widths[2] * 2);  // 40 against 20
  expect(widths[1]).toBeCloseTo(widths[0] / 4);  // 10 against 40
  expect(widths[3]).toBe(0);
  expect(svg.textContent).toContain('40 t');
  expect(svg.textContent).toContain('—');
  expect([...svg.querySelectorAll('title')].map((n) => n.textContent)).toContain('Returns: — solved');
  expect(t.container.querySelector('figcaption')!.textContent).toContain('Opened');
});
