// The help center's categories: the order they show in on the public home page, their names and
// descriptions; add, rename, delete (an empty one).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { DeleteButton } from '../../ui/Buttons';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { byRoot, placeErrors } from '../../ui/errors';
import type { KbCategory } from './types';

export function CategoriesTab({ canWrite }: { canWrite: boolean }) {
  const categories = useApi<{ data: KbCategory[] }>('/kb/categories');
  const list = categories.data?.data ?? [];
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [position, setPosition] = useState('0');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    try {
      await api('POST', '/kb/categories', { body: { name, description, position: Number(position) || 0 } });
      setName('');
      setDescription('');
      categories.reload();
    } catch (err) {
      const placed = placeErrors(err, byRoot(['name', 'description', 'position', 'slug']));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  return (
    <section aria-labelledby="kb-categories-title">
      <h2 id="kb-categories-title">Categories</h2>
      {categories.loading && !categories.data && <Loading what="categories" />}
      {categories.error !== undefined && <ErrorNote error={categories.error} onRetry={categories.reload} />}
      {categories.data && list.length === 0 && <Empty>No categories yet.</Empty>}
      <ul className="plain-list">
        {list.map((c) => (
          <li key={`${c.id}-${c.version}`}>
            <CategoryItem category={c} canWrite={canWrite} onChanged={categories.reload} />
          </li>
        ))}
      </ul>
      {canWrite && (
        <form onSubmit={(e) => void add(e)} aria-labelledby="kb-new-category">
          <h3 id="kb-new-category">New category</h3>
          <FormError message={error} />
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} error={fields.name} />
          <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} error={fields.description} />
          <Field label="Position" type="number" min={0} value={position} onChange={(e) => setPosition(e.target.value)} error={fields.position} />
          <div className="actions">
            <button type="submit" className="primary">
              Add category
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** One category: its name, position and description, changed in place; deleted when empty. */
function CategoryItem({ category, canWrite, onChanged }: { category: KbCategory; canWrite: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const [description, setDescription] = useState(category.description);
  const [position, setPosition] = useState(String(category.position));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    try {
      await api('PATCH', `/kb/categories/${category.id}`, {
        body: { name, description, position: Number(position) || 0 },
        ifMatch: category.version,
      });
      setEditing(false);
      onChanged();
    } catch (err) {
      const placed = placeErrors(err, byRoot(['name', 'description', 'position']));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  if (editing) {
    return (
      <form onSubmit={(e) => void save(e)} aria-label={`Edit ${category.name}`}>
        <FormError message={error} />
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} error={fields.name} />
        <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} error={fields.description} />
        <Field label="Position" type="number" min={0} value={position} onChange={(e) => setPosition(e.target.value)} error={fields.position} />
        <div className="actions">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      <strong>{category.name}</strong>{' '}
      <span className="field-hint">
        (position {category.position}, /help/categories/{category.slug})
      </span>
      {category.description && <p>{category.description}</p>}
      {canWrite && (
        <span className="actions">
          <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${category.name}`}>
            Edit
          </button>
          <DeleteButton
            label={`Delete ${category.name}`}
            question={`Delete the category ${category.name}? Only an empty category can be deleted.`}
            confirmLabel="Yes, delete"
            onConfirm={async () => {
              await api('DELETE', `/kb/categories/${category.id}`, { ifMatch: category.version });
              onChanged();
            }}
          />
        </span>
      )}
    </>
  );
}
