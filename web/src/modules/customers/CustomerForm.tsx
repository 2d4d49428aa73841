// /customers/new: create a customer, then open their page.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CustomField } from '../../api/types';
import { navigate } from '../../app/router';
import { CustomerEditor } from './CustomerEditor';

export function CustomerForm() {
  const [customFields, setCustomFields] = useState<CustomField[]>([]);
  useEffect(() => {
    api<{ data: CustomField[] }>('GET', '/custom-fields?object_type=customer')
      .then((r) => setCustomFields(r.data))
      .catch(() => undefined);
  }, []);
  return (
    <section>
      <div className="page-header">
        <h1>New customer</h1>
      </div>
      <CustomerEditor
        customFields={customFields}
        onSaved={(customer) => navigate(`/customers/${customer.id}`, { replace: true })}
        onCancel={() => window.history.back()}
      />
    </section>
  );
}
