// A new task: title, due time, priority, optional reminder and notes, for the signed-in user
// unless another assignee is chosen; `customerId` links it to that customer (the customer page).
import { useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { useStaff } from '../../app/staff';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { byRoot, placeErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/useSubmit';
import { instantToLocalInput, localInputToInstant, type Task } from './types';

const FIELDS = ['title', 'due_at', 'priority', 'remind_at', 'remind_by_email', 'notes', 'assignee_id', 'customer_id'];

interface Props {
  customerId?: string;
  onCreated: (task: Task) => void;
}

/** Tomorrow at nine, local time: the usual "call them back" slot. */
function defaultDue(): string {
  const due = new Date();
  due.setDate(due.getDate() + 1);
  due.setHours(9, 0, 0, 0);
  return instantToLocalInput(due.toISOString());
}

export function NewTaskForm({ customerId, onCreated }: Props) {
  const { me } = useSession();
  const staff = useStaff();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(defaultDue);
  const [remind, setRemind] = useState('');
  const [byEmail, setByEmail] = useState(false);
  const [priority, setPriority] = useState<Task['priority']>('normal');
  const [notes, setNotes] = useState('');
  const [assignee, setAssignee] = useState(me.user?.id ?? '');
  const { busy, error, submit } = useSubmit(
    async () => {
      const body: Record<string, unknown> = { title, due_at: localInputToInstant(due) ?? due, priority };
      if (remind) body.remind_at = localInputToInstant(remind) ?? remind;
      if (byEmail) body.remind_by_email = true;
      if (notes.trim()) body.notes = notes;
      if (assignee && assignee !== me.user?.id) body.assignee_id = assignee;
      if (customerId) body.customer_id = customerId;
      const task = await api<Task>('POST', '/tasks', { body });
      setTitle('');
      setNotes('');
      setRemind('');
      onCreated(task);
    },
    (err) => placeErrors(err, byRoot(FIELDS)),
  );
  const fields = error?.fields ?? {};
  return (
    <form className="task-form" onSubmit={(e) => void submit(e)} aria-label="New task">
      <FormError message={error?.rest ?? null} />
      <Field label="Task" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} error={fields.title} />
      <div className="field-row">
        <Field label="Due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} required error={fields.due_at} />
        <Field label="Remind me at" type="datetime-local" value={remind} onChange={(e) => setRemind(e.target.value)} error={fields.remind_at} />
        <label className="checkbox-field">
          <input type="checkbox" checked={byEmail} onChange={(e) => setByEmail(e.target.checked)} /> Also by e-mail
        </label>
        <SelectField
          label="Priority"
          value={priority}
          onChange={(e) => setPriority(e.target.value as Task['priority'])}
          options={['low', 'normal', 'high', 'urgent'].map((p) => ({ value: p, label: p[0].toUpperCase() + p.slice(1) }))}
          error={fields.priority}
        />
        {staff.length > 0 && (
          <SelectField
            label="Assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            options={staff.map((s) => ({ value: s.id, label: s.id === me.user?.id ? `${s.name} (you)` : s.name }))}
            error={fields.assignee_id}
          />
        )}
      </div>
      <TextAreaField label="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={5000} error={fields.notes} />
      {fields.customer_id && <FormError message={fields.customer_id} />}
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add task'}
      </button>
    </form>
  );
}
