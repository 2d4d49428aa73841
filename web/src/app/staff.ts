// Staff names (GET /staff), loaded once per page load and shared: owners are shown by name and
// records assigned from a list rather than by id.
import { api } from '../api/client';
import type { components } from '../api/schema';
import { useResource } from '../api/useResource';

export type StaffMember = components['schemas']['StaffList']['data'][number];

let cache: Promise<StaffMember[]> | null = null;

export function loadStaff(): Promise<StaffMember[]> {
  cache ??= api<{ data: StaffMember[] }>('GET', '/staff')
    .then((r) => r.data)
    .catch(() => {
      cache = null;
      return [];
    });
  return cache;
}

export function useStaff(): StaffMember[] {
  return useResource(loadStaff, 'staff').data ?? [];
}

export function staffName(staff: StaffMember[], id: string | null | undefined, me?: string): string {
  if (!id) return 'Nobody';
  if (id === me) return 'You';
  return staff.find((s) => s.id === id)?.name ?? id;
}
