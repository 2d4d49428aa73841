// An import's error report: the first 100 refused rows as a table (row, line, column, value,
// reason), and the whole report as a CSV download.
import { apiText } from '../../api/client';
import { ErrorNote, Loading } from '../../ui/States';
import { useResource } from '../../api/useResource';
import { parseErrorReport } from './csv';

export const REPORT_LIMIT = 100;

export function ErrorReport({ jobId, count }: { jobId: string; count: number }) {
  const path = `/imports/${encodeURIComponent(jobId)}/errors`;
  const report = useResource(async (signal) => parseErrorReport(await apiText(path, { signal }), REPORT_LIMIT), `${jobId}:${count}`);
  const rows = report.data?.rows ?? [];
  const titleId = `report-${jobId}`;
  return (
    <section className="error-report" aria-labelledby={titleId}>
      <div className="section-header">
        <h3 id={titleId}>
          Error report{' '}
          <span className="muted">
            ({count} {count === 1 ? 'row' : 'rows'} refused)
          </span>
        </h3>
        <a className="button" href={`/api/v1${path}`} download={`${jobId}-errors.csv`}>
          Download error report
        </a>
      </div>
      {report.loading && !report.data && <Loading what="the error report" />}
      {report.error !== undefined && <ErrorNote error={report.error} onRetry={report.reload} />}
      {report.data && rows.length === 0 && <p className="muted">The report has no rows.</p>}
      {rows.length > 0 && (
        <>
          {(report.data?.truncated || count > rows.length) && (
            <p className="muted">
              Showing the first {rows.length} of {Math.max(count, rows.length)}; download the report for all of them.
            </p>
          )}
          {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Refused rows">
            <table className="data-table compact" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={`${r.row}:${r.column}:${i}`}>
                    <td>{r.row}</td>
                    <td>{r.line}</td>
                    <td>{r.column || '—'}</td>
                    <td className="report-value">{r.value === '' ? <span className="muted">(empty)</span> : r.value}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
