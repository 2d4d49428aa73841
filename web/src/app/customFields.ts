// The custom field definitions of an object type (only those the caller may see: the server
// leaves hidden ones out), for forms, lists and record pages. Loaded per screen rather than
// cached, so a field an admin just defined shows up on the next screen.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CustomField } from '../api/types';

export function useCustomFields(objectType: 'customer' | 'company'): CustomField[] {
  const [fields, setFields] = useState<CustomField[]>([]);
  useEffect(() => {
    let live = true;
    api<{ data: CustomField[] }>('GET', `/custom-fields?object_type=${objectType}`)
      .then((r) => live && setFields(r.data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [objectType]);
  return fields;
}
