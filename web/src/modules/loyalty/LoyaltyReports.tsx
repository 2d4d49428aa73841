// Settings → Loyalty reports (docs/design/loyalty.md § Reports): a programme's figures per month,
// quarter or year from GET /loyalty/programmes/{id}/reports — members, points issued, redeemed and
// expired, the outstanding liability, the redemption rate, the tier distribution as of each
// period's end, voucher usage and referral conversions (made, qualified, rewarded, refused per
// signal, the conversion rate) — drawn with the app's SVG DayChart (each with its figures as a
// table for screen readers), and the last period's figures in words. Only the customers the
// signed-in user may read count.
import { useState } from 'react';
import { type Page } from '../../api/client';
import { useApi } from '../../api/useResource';
import { DayChart, type DaySeries } from '../../ui/DayChart';
import { Field, SelectField } from '../../ui/Field';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import type { LoyaltyProgramme } from './types';

export interface ReportPeriod {
  start: string;
  end: string;
  members: number;
  new_members: number;
  active_members: number;
  points: { issued: number; reversed: number; adjusted: number; redeemed: number; expired: number };
  liability: { points: number; money: string };
  redemption_rate: number | null;
  tiers: { name: string | null; members: number }[] | null;
  vouchers: { issued: number; redeemed: number };
  referrals: {
    made: number;
    qualified: number;
    rewarded: number;
    refused: number;
    refused_by_signal: Record<string, number>;
    conversion_rate: number | null;
  };
}

export interface LoyaltyReport {
  programme: { id: string; name: string; points_name: string };
  from: string;
  to: string;
  interval: 'month' | 'quarter' | 'year';
  currency: string;
  point_value: string;
  tier_basis: 'points_earned' | 'money_spent' | null;
  periods: ReportPeriod[];
}

type Slot = ReportPeriod & { date: string };

const INTERVALS = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];
const MEMBERS: DaySeries[] = [
  { key: 'active_members', label: 'Active', color: '#3b6fd1' },
  { key: 'new_members', label: 'New', color: '#2e8b57' },
];
const MEMBERS_LINE: DaySeries = { key: 'members', label: 'Members', color: '#c0392b' };
const POINTS: DaySeries[] = [
  { key: 'issued', label: 'Issued', color: '#2e8b57' },
  { key: 'redeemed', label: 'Redeemed', color: '#3b6fd1' },
  { key: 'expired', label: 'Expired', color: '#d68910' },
];
const LIABILITY: DaySeries = { key: 'liability', label: 'Outstanding points', color: '#8e44ad' };
const RATE: DaySeries = { key: 'rate', label: 'Redemption rate (%)', color: '#3b6fd1' };
const VOUCHERS: DaySeries[] = [
  { key: 'issued', label: 'Issued', color: '#2e8b57' },
  { key: 'redeemed', label: 'Redeemed', color: '#3b6fd1' },
];
const REFERRALS: DaySeries[] = [
  { key: 'made', label: 'Made', color: '#3b6fd1' },
  { key: 'qualified', label: 'Qualified', color: '#d68910' },
  { key: 'rewarded', label: 'Rewarded', color: '#2e8b57' },
  { key: 'refused', label: 'Refused', color: '#c0392b' },
];
const CONVERSION: DaySeries = { key: 'conversion', label: 'Conversion rate (%)', color: '#2e8b57' };
const TIER_COLORS = ['#95a5a6', '#b9770e', '#7f8c8d', '#d4ac0d', '#2e86c1', '#8e44ad', '#c0392b', '#16a085', '#34495e', '#e67e22', '#27ae60'];

/** The slot's axis label: "2025-03" for a month, "2025 Q1" for a quarter, "2025" for a year. */
export function periodLabel(start: string, interval: LoyaltyReport['interval']): string {
  if (interval === 'year') return start.slice(0, 4);
  if (interval === 'quarter') return `${start.slice(0, 4)} Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
  return start.slice(0, 7);
}

export function LoyaltyReportsTab() {
  const programmes = useApi<Page<LoyaltyProgramme>>('/loyalty/programmes');
  const [chosen, setChosen] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [interval, setPer] = useState('month');
  if (programmes.error !== undefined && !programmes.data) return <ErrorNote error={programmes.error} onRetry={programmes.reload} />;
  if (!programmes.data) return <Loading what="the loyalty programmes" />;
  const list = programmes.data.data;
  if (list.length === 0) return <Empty>No loyalty programme yet: set one up under Settings → Loyalty.</Empty>;
  const programme = chosen || list[0].id;
  const query = new URLSearchParams({ interval });
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return (
    <section className="card" aria-labelledby="loyalty-reports-title">
      <h2 id="loyalty-reports-title">Loyalty reports</h2>
      <div className="toolbar">
        {list.length > 1 && (
          <SelectField label="Programme" value={programme} onChange={(e) => setChosen(e.target.value)} options={list.map((p) => ({ value: p.id, label: p.name }))} />
        )}
        <Field label="From (month)" type="month" value={from} onChange={(e) => setFrom(e.target.value)} />
        <Field label="To (day)" type="date" value={to} onChange={(e) => setTo(e.target.value)} hint="Empty: today" />
        <SelectField label="Per" value={interval} onChange={(e) => setPer(e.target.value)} options={INTERVALS} />
      </div>
      <ReportCharts path={`/loyalty/programmes/${encodeURIComponent(programme)}/reports?${query.toString()}`} />
    </section>
  );
}

function ReportCharts({ path }: { path: string }) {
  const report = useApi<LoyaltyReport>(path);
  if (report.error !== undefined) return <ErrorNote error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading what="the report" />;
  const r = report.data;
  // The slot's `date` is its label: the chart keys, labels and tabulates slots by it.
  const slots: Slot[] = r.periods.map((p) => ({ ...p, date: periodLabel(p.start, r.interval) }));
  const label = (s: Slot) => s.date;
  const last = r.periods[r.periods.length - 1];
  const tierSeries: DaySeries[] = (last?.tiers ?? []).map((t, i) => ({ key: String(i), label: t.name ?? 'No tier', color: TIER_COLORS[i % TIER_COLORS.length] }));
  const common = { days: slots, label, slotName: 'Period' };
  return (
    <>
      {last && (
        <p data-testid="loyalty-report-summary">
          As of {last.end}: {last.members} members, {last.liability.points} {r.programme.points_name} outstanding ({last.liability.money}{' '}
          {r.currency} at {r.point_value} a point), redemption rate{' '}
          {last.redemption_rate === null ? '—' : `${(last.redemption_rate * 100).toFixed(1)}%`}.
        </p>
      )}
      <DayChart<Slot> {...common} title="Members" bars={MEMBERS} line={MEMBERS_LINE} value={(s, key) => s[key as 'members' | 'new_members' | 'active_members']} />
      <DayChart<Slot> {...common} title={`Points (${r.programme.points_name})`} bars={POINTS} value={(s, key) => s.points[key as 'issued' | 'redeemed' | 'expired']} />
      <DayChart<Slot> {...common} title="Outstanding liability at each period's end" bars={[]} line={LIABILITY} value={(s) => s.liability.points} />
      <DayChart<Slot> {...common} title="Redemption rate to date" bars={[]} line={RATE} value={(s) => Math.round((s.redemption_rate ?? 0) * 1000) / 10} />
      {r.tier_basis && tierSeries.length > 0 && (
        <DayChart<Slot> {...common} title="Members per tier at each period's end" bars={tierSeries} value={(s, key) => s.tiers?.[Number(key)]?.members ?? 0} />
      )}
      <DayChart<Slot> {...common} title="Vouchers" bars={VOUCHERS} value={(s, key) => s.vouchers[key as 'issued' | 'redeemed']} />
      <DayChart<Slot>
        {...common}
        title="Referrals made in each period and what became of them"
        bars={REFERRALS}
        value={(s, key) => s.referrals[key as 'made' | 'qualified' | 'rewarded' | 'refused']}
      />
      <DayChart<Slot> {...common} title="Referral conversion rate" bars={[]} line={CONVERSION} value={(s) => Math.round((s.referrals.conversion_rate ?? 0) * 1000) / 10} />
      {last && <RefusalSignals referrals={last.referrals} />}
    </>
  );
}

/** The last period's refusals per fraud signal, in words ("2 refused: same email 1, network burst 1"). */
export function refusalText(referrals: ReportPeriod['referrals']): string {
  const signals = Object.entries(referrals.refused_by_signal)
    .map(([signal, n]) => `${signal.replaceAll('_', ' ')} ${n}`)
    .join(', ');
  return referrals.refused === 0 ? 'No referral refused this period.' : `${referrals.refused} refused this period: ${signals}.`;
}

function RefusalSignals({ referrals }: { referrals: ReportPeriod['referrals'] }) {
  return <p data-testid="loyalty-report-refusals">{refusalText(referrals)}</p>;
}
