// The API path of one company.
export function companyPath(id: string): string {
  return `/companies/${encodeURIComponent(id)}`;
}
