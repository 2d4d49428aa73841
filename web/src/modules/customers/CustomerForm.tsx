// /customers/new: create a customer, then open their page.
import { useCustomFields } from '../../app/customFields';
import { navigate } from '../../app/router';
import { CustomerEditor } from './CustomerEditor';

export function CustomerForm() {
  const customFields = useCustomFields('customer');
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
