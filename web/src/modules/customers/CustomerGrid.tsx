// The customers list's virtualised table: only the rows in view are in the DOM, so it stays
// smooth over 100,000 customers; arrow keys move between rows; nearing the end of what is
// loaded asks for the next page. Keyed by the query, so a new query starts at the top.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Customer } from '../../api/types';
import { Link } from '../../app/router';
import type { StaffMember } from '../../app/staff';
import { Empty } from '../../ui/States';
import { cell } from './customerCells';
import { visibleRange } from './listQuery';

const ROW_HEIGHT = 44;
/** Ask for the next page when this few loaded rows are left below the view. */
const PREFETCH_ROWS = 30;

interface Props {
  rows: Customer[];
  columns: { key: string; label: string }[];
  staff: StaffMember[];
  selected: Set<string>;
  onSelect: (selected: Set<string>) => void;
  /** Every matching customer is loaded. */
  complete: boolean;
  loading: boolean;
  failed: boolean;
  onNearEnd: () => void;
}

export function CustomerGrid({ rows, columns, staff, selected, onSelect, complete, loading, failed, onNearEnd }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const { first, last } = visibleRange(scroll.top, scroll.height, ROW_HEIGHT, rows.length);

  useEffect(() => {
    if (last >= rows.length - PREFETCH_ROWS) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const update = () => setScroll({ top: element.scrollTop, height: element.clientHeight });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Arrow keys move between rows; the focused row scrolls into view.
  const onRowKey = (e: KeyboardEvent<HTMLElement>, index: number) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
    const element = scroller.current;
    if (!element) return;
    const top = next * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    window.requestAnimationFrame(() => element.querySelector<HTMLElement>(`[data-row="${next}"] a`)?.focus());
  };

  const toggleRow = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  return (
    <div className="grid" role="table" aria-label="Customers" aria-rowcount={complete ? rows.length + 1 : -1}>
      <div className="grid-head" role="rowgroup">
        <div className="grid-row" role="row" aria-rowindex={1}>
          <span className="grid-cell grid-check" role="columnheader">
            <input
              type="checkbox"
              aria-label="Select all loaded customers"
              checked={rows.length > 0 && selected.size === rows.length}
              onChange={(e) => onSelect(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
            />
          </span>
          <span className="grid-cell grid-name" role="columnheader">
            Name
          </span>
          {columns.map((c) => (
            <span key={c.key} className={`grid-cell col-${c.key}`} role="columnheader">
              {c.label}
            </span>
          ))}
        </div>
      </div>
      <div className="grid-body" ref={scroller} role="rowgroup" onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        {rows.length === 0 && !loading && !failed && <Empty>No customers match. Change the search or the filters.</Empty>}
        <div className="grid-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((customer, offset) => {
            const index = first + offset;
            return (
              <div
                key={customer.id}
                className={selected.has(customer.id) ? 'grid-row selected' : 'grid-row'}
                role="row"
                aria-rowindex={index + 2}
                data-row={index}
                style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
              >
                <span className="grid-cell grid-check" role="cell">
                  <input type="checkbox" aria-label={`Select ${customer.display_name}`} checked={selected.has(customer.id)} onChange={() => toggleRow(customer.id)} />
                </span>
                <span className="grid-cell grid-name" role="cell">
                  <Link to={`/customers/${customer.id}`} onKeyDown={(e) => onRowKey(e, index)}>
                    {customer.display_name}
                  </Link>
                </span>
                {columns.map((c) => (
                  <span key={c.key} className={`grid-cell col-${c.key}`} role="cell">
                    {cell(customer, c.key, staff)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
        {loading && rows.length > 0 && <p className="loading-more">Loading more…</p>}
      </div>
    </div>
  );
}
