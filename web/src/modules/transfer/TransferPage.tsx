// Import & export (/transfer): upload a file to import, follow the job to its summary and error
// report, revert it; export records to a file. Each half shows only when the caller's role may
// import or export something. The import being shown is kept in the address (?import=<id>), so
// a reload or a shared link opens it again.
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session';
import { ExportSection } from './ExportPanel';
import { ImportForm } from './ImportForm';
import { ImportJobPanel } from './ImportJobPanel';
import { JobList } from './JobList';
import { exportObjectsFor, importObjectsFor } from './objects';
import type { ImportJob } from './types';

function describeImport(job: ImportJob): string {
  const counts = `${job.created} created, ${job.updated} updated, ${job.unchanged} unchanged, ${job.failed} refused`;
  return job.options?.dry_run ? `Dry run: ${counts}` : counts;
}

export function TransferPage() {
  const { me } = useSession();
  const mayImport = importObjectsFor(me).length > 0;
  const mayExport = exportObjectsFor(me).length > 0;
  const [current, setCurrent] = useState<{ id: string; job: ImportJob | null; focus: boolean } | null>(() => {
    const id = new URLSearchParams(window.location.search).get('import');
    return id ? { id, job: null, focus: false } : null;
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (window.location.pathname !== '/transfer') return;
    const url = current ? `/transfer?import=${encodeURIComponent(current.id)}` : '/transfer';
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [current]);

  return (
    <section className="transfer" aria-labelledby="transfer-title">
      <div className="page-header">
        <div>
          <h1 id="transfer-title">Import &amp; export</h1>
          <p className="subtitle">Bring records in from a CSV or vCard file, or take them out as a file.</p>
        </div>
      </div>
      {!mayImport && !mayExport && (
        <p className="notice notice-error" role="alert">
          Your role may not import or export records. Ask an administrator if you need to.
        </p>
      )}
      {mayImport && (
        <div className="transfer-stack">
          <section className="card" aria-labelledby="import-form-title">
            <h2 id="import-form-title">Import a file</h2>
            <ImportForm
              me={me}
              onStarted={(job) => {
                setCurrent({ id: job.id, job, focus: true });
                setVersion((v) => v + 1);
              }}
            />
          </section>
          {current && (
            <ImportJobPanel
              key={current.id}
              id={current.id}
              initial={current.job}
              focusOnMount={current.focus}
              onChanged={() => setVersion((v) => v + 1)}
              onClose={() => setCurrent(null)}
            />
          )}
          <JobList<ImportJob>
            kind="imports"
            title="Recent imports"
            version={version}
            selected={current?.id ?? null}
            onOpen={(job) => setCurrent({ id: job.id, job, focus: true })}
            describe={describeImport}
            empty="No imports yet. Choose a file above to start one."
          />
        </div>
      )}
      {mayExport && (
        <div className="transfer-stack">
          <ExportSection me={me} />
        </div>
      )}
    </section>
  );
}
