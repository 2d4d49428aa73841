// The desk's reports (/support/reports): tickets opened and solved per day with the backlog, as a
// chart; first-response and resolution times (median and 90th percentile), response-target
// attainment and satisfaction; the same per queue and per agent. Over the tickets the caller may
// read, for a range of days and optionally one queue or one agent (GET /support/reports), so the
// response-target attainment and satisfaction cards also answer "for this queue" or "for Ana".
// Satisfaction counts ticket and chat ratings together, with a table per channel.
import { useState } from 'react';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { BarChart } from '../../ui/BarChart';
import { DayChart } from '../../ui/DayChart';
import { ErrorNote, Loading } from '../../ui/States';
import { daysBefore, formatDuration, formatShare, type ReportDay, type ReportFigures, type SatisfactionSection, type SupportReport } from './reportFigures';
import type { Queue } from './types';

const BARS = [
  { key: 'opened', label: 'Opened', color: '#3b6fd1' },
  { key: 'solved', label: 'Solved', color: '#2e8b57' },
];
const BACKLOG = { key: 'backlog', label: 'Backlog', color: '#c0392b' };
const TIMES = [
  { key: 'first_response', label: 'First response (median)', color: '#8e44ad' },
  { key: 'resolution', label: 'Resolution (median)', color: '#d68910' },
];
// A chart beyond a dozen rows stops being read; the table below it lists every row.
const CHART_ROWS = 12;

export function Reports() {
  const { me } = useSession();
  const staff = useStaff();
  const queues = useApi<{ data: Queue[] }>('/queues');
  const [from, setFrom] = useState(() => daysBefore(new Date(), 29));
  const [to, setTo] = useState(() => daysBefore(new Date(), 0));
  const [queueId, setQueueId] = useState('');
  const [agentId, setAgentId] = useState('');
  const params = new URLSearchParams({ from, to });
  if (queueId) params.set('queue_id', queueId);
  if (agentId) params.set('assignee_id', agentId);
  const report = useApi<SupportReport>(`/support/reports?${params.toString()}`);
  const queueName = (id: string | null | undefined) =>
    id ? (queues.data?.data.find((q) => q.id === id)?.name ?? id) : 'No queue';

  return (
    <section className="reports" aria-labelledby="reports-title">
      <div className="page-header">
        <h1 id="reports-title">Support reports</h1>
        <Link to="/support">Back to the inbox</Link>
      </div>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label>
          From <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Queue{' '}
          <select value={queueId} onChange={(e) => setQueueId(e.target.value)}>
            <option value="">All queues</option>
            {(queues.data?.data ?? []).map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agent{' '}
          <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">All agents</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {staffName(staff, u.id, me.user?.id)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {report.error !== undefined && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!report.data && report.error === undefined && <Loading what="the report" />}
      {report.data && (
        <>
          <Totals report={report.data} />
          {report.data.satisfaction && <SatisfactionByChannel satisfaction={report.data.satisfaction} />}
          <DayChart<ReportDay>
            title="Tickets per day"
            days={report.data.days}
            bars={BARS}
            line={BACKLOG}
            value={(day, key) => day[key as 'opened' | 'solved' | 'backlog']}
          />
          <Breakdown title="By queue" rows={report.data.by_queue} name={(r) => queueName(r.queue_id)} />
          <Breakdown title="By agent" rows={report.data.by_agent} name={(r) => (r.assignee_id ? staffName(staff, r.assignee_id, me.user?.id) : 'Unassigned')} />
        </>
      )}
    </section>
  );
}

function Totals({ report }: { report: SupportReport }) {
  const { totals, sla, satisfaction } = report;
  const figures: [string, string, string?][] = [
    ['Opened', String(totals.opened)],
    ['Solved', String(totals.solved)],
    ['First response (median)', formatDuration(totals.first_response.median_seconds), `90th percentile ${formatDuration(totals.first_response.p90_seconds)}`],
    ['Resolution (median)', formatDuration(totals.resolution.median_seconds), `90th percentile ${formatDuration(totals.resolution.p90_seconds)}`],
    ['Response targets met', formatShare(sla?.attainment), sla ? `${sla.breached} of ${sla.tickets} tickets missed one` : undefined],
    ['Satisfaction', formatShare(satisfaction?.score), satisfaction ? `${satisfaction.ratings} ratings, ${formatShare(satisfaction.response_rate)} answered` : undefined],
  ];
  return (
    <dl className="report-totals">
      {figures.map(([label, value, note]) => (
        <div className="card" key={label}>
          <dt>{label}</dt>
          <dd>
            <strong>{value}</strong>
            {note && <span className="muted">{note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const CHANNEL_NAMES = { ticket: 'Tickets', chat: 'Chats' } as const;

// Ratings of tickets (the mail after a solve) and of chats (the widget at the end) count together
// in the Satisfaction card; this tells them apart.
function SatisfactionByChannel({ satisfaction }: { satisfaction: SatisfactionSection }) {
  return (
    <table className="data-table report-channels">
      <caption>Satisfaction by channel</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Good</th>
          <th scope="col">Bad</th>
          <th scope="col">Score</th>
          <th scope="col">With a comment</th>
          <th scope="col">Answered</th>
        </tr>
      </thead>
      <tbody>
        {satisfaction.by_channel.map((row) => (
          <tr key={row.channel}>
            <th scope="row">{CHANNEL_NAMES[row.channel] ?? row.channel}</th>
            <td>{row.good}</td>
            <td>{row.bad}</td>
            <td>{formatShare(row.score)}</td>
            <td>{row.comments}</td>
            <td>
              {formatShare(row.response_rate)} <span className="muted">of {row.requests} asked</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Breakdown({ title, rows, name }: { title: string; rows: ReportFigures[]; name: (row: ReportFigures) => string }) {
  if (rows.length === 0) return null;
  const charted = [...rows].sort((a, b) => b.opened - a.opened).slice(0, CHART_ROWS);
  const more = rows.length > CHART_ROWS ? ` (the ${CHART_ROWS} busiest of ${rows.length})` : '';
  return (
    <div className="report-breakdown">
      <h2>{title}</h2>
      <div className="report-charts">
        <BarChart title={`Tickets${more}`} rows={charted} name={name} series={BARS} value={(row, key) => row[key as 'opened' | 'solved']} />
        <BarChart
          title={`Response times${more}`}
          rows={charted}
          name={name}
          series={TIMES}
          value={(row, key) => row[key as 'first_response' | 'resolution'].median_seconds}
          format={(seconds) => formatDuration(seconds)}
        />
      </div>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title.replace('By ', '')}</th>
            <th scope="col">Opened</th>
            <th scope="col">Solved</th>
            <th scope="col">First response (median / 90th)</th>
            <th scope="col">Resolution (median / 90th)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={name(row)}>
              <th scope="row">{name(row)}</th>
              <td>{row.opened}</td>
              <td>{row.solved}</td>
              <td>
                {formatDuration(row.first_response.median_seconds)} / {formatDuration(row.first_response.p90_seconds)}
              </td>
              <td>
                {formatDuration(row.resolution.median_seconds)} / {formatDuration(row.resolution.p90_seconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
