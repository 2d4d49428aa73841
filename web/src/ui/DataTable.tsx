// A table of records: column headings over the rows given as children, scrolling sideways when
// it is wider than the screen. With `actions`, a last column for row buttons, named for screen readers.
import type { ReactNode } from 'react';

export function DataTable({
  columns,
  actions = false,
  labelledBy,
  wrapClassName = 'table-wrap',
  children,
}: {
  columns: string[];
  actions?: boolean;
  /** The id of the heading that names the table. */
  labelledBy?: string;
  wrapClassName?: string;
  /** The rows (`<tr>`s). */
  children: ReactNode;
}) {
  return (
    <div className={wrapClassName}>
      <table className="data-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
