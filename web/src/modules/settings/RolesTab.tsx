// Roles (administrators): each role's grants as a read-only table, field rules, deleting a
// defined role, and defining one from JSON.
import { useState, type FormEvent } from 'react';
import { api, type FieldErrors } from '../../api/client';
import { Field, TextAreaField } from '../../ui/Field';
import { humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { DeleteButton } from '../../ui/Buttons';
import { FormCard } from '../../ui/FormCard';
import { byRoot, placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { ACTIONS, OBJECTS, type ListOf, type Role } from './types';

const LEVEL_TEXT: Record<string, string> = { all: 'All', team: 'Team', own: 'Own', none: 'None' };

const GRANTS_TEMPLATE = `{
  "customers": {"read": "team", "create": "all", "edit": "own"},
  "companies": {"read": "all"},
  "interactions": {"read": "team", "create": "all"}
}`;

export function RolesTab() {
  const roles = useApi<ListOf<Role>>('/roles');
  const [notice, setNotice] = useState<string | null>(null);
  const list = roles.data?.data ?? [];

  const remove = async (role: Role) => {
    await api('DELETE', `/roles/${encodeURIComponent(role.name)}`);
    roles.setData((current) => (current ? { data: current.data.filter((r) => r.name !== role.name) } : current));
    setNotice(`Deleted the role ${role.name}.`);
  };

  return (
    <>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        <p>
          What each role may do with each kind of record: <strong>All</strong> records, those of the user’s <strong>Team</strong>, their{' '}
          <strong>Own</strong>, or <strong>None</strong>. A user with several roles gets the widest grant of any of them.
        </p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {roles.loading && !roles.data && <Loading what="roles" />}
        {roles.error !== undefined && <ErrorNote error={roles.error} onRetry={roles.reload} />}
        {roles.data && list.length === 0 && <Empty>No roles.</Empty>}
        {list.map((role) => (
          <RoleCard key={role.name} role={role} onDelete={() => remove(role)} />
        ))}
      </section>
      <NewRoleForm
        onCreated={(role) => {
          roles.setData((current) => (current ? { data: [...current.data.filter((r) => r.name !== role.name), role] } : current));
          setNotice(`Defined the role ${role.name}.`);
        }}
      />
    </>
  );
}

function RoleCard({ role, onDelete }: { role: Role; onDelete: () => Promise<void> }) {
  const titleId = `role-${role.name}-title`;
  const objects = [...OBJECTS, ...Object.keys(role.grants ?? {}).filter((o) => !(OBJECTS as string[]).includes(o))] as (keyof Role['grants'])[];
  const fieldRules = Object.entries(role.fields ?? {}).flatMap(([object, rules]) =>
    Object.entries(rules ?? {}).map(([field, rule]) => ({ object, field, rule })),
  );
  return (
    <article className="card role" aria-labelledby={titleId}>
      <div className="page-header">
        <h3 id={titleId}>
          {humanize(role.name)} <code>{role.name}</code>
          {role.built_in && <span className="badge"> Built-in</span>}
        </h3>
        {!role.built_in && (
          <div className="actions">
            <DeleteButton
              label={`Delete the role ${role.name}`}
              question={`Delete the role ${role.name}? This is refused while any user holds it.`}
              confirmLabel="Delete role"
              onConfirm={onDelete}
            />
          </div>
        )}
      </div>
      {role.description && <p>{role.description}</p>}
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Grants of the role {role.name}</caption>
          <thead>
            <tr>
              <th scope="col">Records</th>
              {ACTIONS.map((a) => (
                <th scope="col" key={a}>
                  {humanize(a)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {objects.map((object) => (
              <tr key={object}>
                <th scope="row">{humanize(object)}</th>
                {ACTIONS.map((a) => {
                  const level = role.grants?.[object]?.[a] ?? 'none';
                  return (
                    <td key={a} className={level === 'none' ? 'muted' : undefined}>
                      {LEVEL_TEXT[level] ?? level}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fieldRules.length > 0 && (
        <p>
          Field rules:{' '}
          {fieldRules.map((r, i) => (
            <span key={`${r.object}.${r.field}`}>
              {i > 0 && '; '}
              {humanize(r.object)} <code>{r.field}</code> {r.rule === 'hidden' ? 'hidden' : 'read-only'}
            </span>
          ))}
        </p>
      )}
    </article>
  );
}

function parseJsonObject(text: string, what: string): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return { value: {} };
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: `${what} must be a JSON object` };
    return { value };
  } catch (e) {
    return { error: `is not valid JSON: ${(e as Error).message}` };
  }
}

function NewRoleForm({ onCreated }: { onCreated: (role: Role) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [grants, setGrants] = useState(GRANTS_TEMPLATE);
  const [fields, setFields] = useState('{}');
  const { errors, formError, busy, check, send } = useFormSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(name)) {
      problems.name = "must be 1-64 characters: lower-case letters, digits, '_' or '-', starting with a letter";
    }
    const parsedGrants = parseJsonObject(grants, 'Grants');
    if (parsedGrants.error) problems.grants = parsedGrants.error;
    const parsedFields = parseJsonObject(fields, 'Field rules');
    if (parsedFields.error) problems.fields = parsedFields.error;
    if (!check(problems)) return;
    await send(
      async () => {
        const body: Record<string, unknown> = { name, grants: parsedGrants.value };
        if (description.trim()) body.description = description.trim();
        if (parsedFields.value && Object.keys(parsedFields.value).length) body.fields = parsedFields.value;
        const role = await api<Role>('POST', '/roles', { body });
        setName('');
        setDescription('');
        setGrants(GRANTS_TEMPLATE);
        setFields('{}');
        onCreated(role);
      },
      (err) => placeErrors(err, byRoot(['name', 'description', 'grants', 'fields'])),
    );
  };

  return (
    <FormCard titleId="new-role-title" title="Define a role" onSubmit={submit} formError={formError} busy={busy} label="Define role" busyLabel="Saving…">
      <div className="form-grid">
        <Field
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          required
          spellCheck={false}
          autoComplete="off"
          hint="Lower-case letters, digits, _ or -, e.g. front_desk"
        />
        <Field label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={500} />
        <TextAreaField
          label="Grants (JSON)"
          value={grants}
          onChange={(e) => setGrants(e.target.value)}
          error={errors.grants}
          rows={8}
          spellCheck={false}
          className="code"
          hint={`{object: {action: level}} — objects ${OBJECTS.join(', ')}; actions ${ACTIONS.join(', ')}; levels all, team, own, none. Anything left out is none.`}
        />
        <TextAreaField
          label="Field rules (JSON, optional)"
          value={fields}
          onChange={(e) => setFields(e.target.value)}
          error={errors.fields}
          rows={4}
          spellCheck={false}
          className="code"
          hint={'{object: {field: "hidden" | "read_only"}}, e.g. {"customers": {"sensitive": "hidden"}}'}
        />
      </div>
    </FormCard>
  );
}
