// The custom field definitions of an object type (only those the caller may see: the server
// leaves hidden ones out), for forms, lists and record pages. Loaded per screen rather than
// cached, so a field an admin just defined shows up on the next screen.
import { query } from '../api/client';
import type { CustomField } from '../api/types';
import { useApi, type Resource } from '../api/useResource';

/** The definitions with their loading state (a form waits for them). */
export function useCustomFieldList(objectType: 'customer' | 'company' | 'ticket'): Resource<{ data: CustomField[] }> {
  return useApi<{ data: CustomField[] }>(`/custom-fields${query({ object_type: objectType })}`);
}

/** The definitions, empty until loaded (a list or page shows them when they come). */
export function useCustomFields(objectType: 'customer' | 'company' | 'ticket'): CustomField[] {
  return useCustomFieldList(objectType).data?.data ?? [];
}
