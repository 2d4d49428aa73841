// Staff names (GET /staff), loaded once per page load and shared: owners are shown by name and
// records assigned from a list rather than by id.
import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface StaffMember {
  id: string;
  name: string;
  teams: string[];
  status: 'active' | 'disabled';
}

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
  const [staff, setStaff] = useState<StaffMember[]>([]);
  useEffect(() => {
    let live = true;
    void loadStaff().then((s) => live && setStaff(s));
    return () => {
      live = false;
    };
  }, []);
  return staff;
}

export function staffName(staff: StaffMember[], id: string | null | undefined, me?: string): string {
  if (!id) return 'Nobody';
  if (id === me) return 'You';
  return staff.find((s) => s.id === id)?.name ?? id;
}
