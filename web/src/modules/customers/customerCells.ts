// What one cell of the customers list shows, per column. Pure.
import type { Customer } from '../../api/types';
import { staffName, type StaffMember } from '../../app/staff';
import { formatDateTime, formatPhone, humanize, primaryOf } from '../../ui/format';

export function cell(customer: Customer, column: string, staff: StaffMember[]): string {
  switch (column) {
    case 'email':
      return primaryOf(customer.emails)?.address ?? '';
    case 'phone': {
      const phone = primaryOf(customer.phones);
      return phone ? formatPhone(phone) : '';
    }
    case 'lifecycle_stage':
      return humanize(customer.lifecycle_stage);
    case 'tags':
      return customer.tags.join(', ');
    case 'owner_id':
      return customer.owner_id ? staffName(staff, customer.owner_id) : '';
    case 'language':
      return customer.language ?? '';
    case 'created_at':
      return formatDateTime(customer.created_at);
    case 'updated_at':
      return formatDateTime(customer.updated_at);
    default:
      return '';
  }
}
