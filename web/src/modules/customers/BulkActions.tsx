// Bulk actions on the selected customers: add a tag, change the lifecycle stage, assign an
// owner. Each record is changed on its own (the server checks access per record), with a running
// progress figure and every failure listed.
import { useState } from 'react';
import { api } from '../../api/client';
import type { Customer } from '../../api/types';
import { useSession } from '../../app/session';
import { useStaff } from '../../app/staff';
import { BulkBar, useBulkRun } from '../../ui/BulkProgress';

export const STAGES = ['lead', 'prospect', 'customer', 'churned'];

interface Props {
  ids: string[];
  rows: Customer[];
  onDone: () => void;
}

export function BulkActions({ ids, rows, onDone }: Props) {
  const { me } = useSession();
  const staff = useStaff().filter((s) => s.status === 'active');
  const [action, setAction] = useState<'tag' | 'stage' | 'owner'>('tag');
  const [value, setValue] = useState('');
  const bulk = useBulkRun();

  const run = () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    void bulk.run(
      ids,
      (id) => byId.get(id)?.display_name ?? id,
      async (id) => {
        const customer = byId.get(id);
        let body: Record<string, unknown>;
        if (action === 'tag') body = { tags: [...new Set([...(customer?.tags ?? []), value.trim()])] };
        else if (action === 'stage') body = { lifecycle_stage: value };
        else body = { owner_id: value === 'me' ? me.user?.id : value.trim() || null };
        await api('PATCH', `/customers/${id}`, { body, ifMatch: customer?.version });
      },
    );
  };

  const ready = action === 'stage' ? STAGES.includes(value) : action === 'tag' ? value.trim() !== '' : true;
  return (
    <BulkBar count={ids.length} ready={ready} bulk={bulk} onApply={run} onDone={onDone}>
      <label>
        <span className="visually-hidden">Bulk action</span>
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value as typeof action);
            setValue(e.target.value === 'stage' ? 'customer' : e.target.value === 'owner' ? 'me' : '');
          }}
        >
          <option value="tag">Add tag</option>
          <option value="stage">Set lifecycle stage</option>
          <option value="owner">Assign owner</option>
        </select>
      </label>
      {action === 'owner' ? (
        <label>
          <span className="visually-hidden">New owner</span>
          <select value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="me">Me</option>
            <option value="">Nobody</option>
            {staff
              .filter((s) => s.id !== me.user?.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      ) : action === 'stage' ? (
        <label>
          <span className="visually-hidden">Lifecycle stage</span>
          <select value={value} onChange={(e) => setValue(e.target.value)}>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          <span className="visually-hidden">{action === 'tag' ? 'Tag' : 'Owner user id, or me'}</span>
          <input value={value} placeholder={action === 'tag' ? 'tag' : 'user id, or me'} onChange={(e) => setValue(e.target.value)} />
        </label>
      )}
    </BulkBar>
  );
}
