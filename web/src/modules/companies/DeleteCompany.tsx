// Deleting a company: asks first, inline; a stale version (412) offers a reload instead.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Company } from '../../api/types';
import { navigate } from '../../app/router';
import { errorText } from '../../ui/errors';
import { companyPath } from './companyPath';

export function DeleteCompany({ company, onStale }: { company: Company; onStale: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', companyPath(company.id), { ifMatch: company.version });
      navigate('/companies');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        navigate('/companies');
        return;
      }
      const stale = e instanceof ApiError && e.status === 412;
      setError({
        message: stale
          ? 'This company was changed by someone else. Reload it and check before deleting.'
          : `The company could not be deleted: ${errorText(e)}`,
        stale,
      });
      setBusy(false);
    }
  };

  const cancel = () => {
    setAsking(false);
    setError(null);
    window.setTimeout(() => deleteRef.current?.focus(), 0);
  };

  if (!asking) {
    return (
      <button type="button" className="danger" ref={deleteRef} onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby="delete-company-question">
      <p id="delete-company-question">
        Delete {company.name}? Its people stay in Rapport, without a company. This cannot be undone.
      </p>
      <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
        {busy ? 'Deleting…' : 'Delete company'}
      </button>
      <button type="button" ref={cancelRef} onClick={cancel} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}{' '}
          {error.stale && (
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                setError(null);
                onStale();
              }}
            >
              Reload
            </button>
          )}
        </p>
      )}
    </div>
  );
}
