// Global search: a name, email or phone from anywhere; "/" focuses it. Results come from the
// server's full-text search, so they honour the caller's record access.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { query, type Page } from '../api/client';
import { useApi } from '../api/useResource';
import type { Customer } from '../api/types';
import { formatPhone, primaryOf } from '../ui/format';
import { useDebounced } from '../ui/useDebounced';
import { navigate } from './router';

export function GlobalSearch() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const q = useDebounced(text.trim(), 200);
  const found = useApi<Page<Customer>>(q ? `/customers${query({ q, limit: 8 })}` : null);
  const results = text.trim() && found.data ? found.data.data : [];
  // The answer for what is typed now has come (not one for an earlier prefix).
  const settled = q !== '' && q === text.trim() && !found.loading;

  const go = (customer: Customer) => {
    setOpen(false);
    setText('');
    navigate(`/customers/${customer.id}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      go(results[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="global-search" role="search">
      <label htmlFor="global-search" className="visually-hidden">
        Search customers by name, email or phone
      </label>
      <input
        id="global-search"
        ref={input}
        type="search"
        placeholder="Search customers…  (press /)"
        autoComplete="off"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls="global-search-results"
        aria-activedescendant={open && results[active] ? `gs-${results[active].id}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => results.length && setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      {open && text.trim() && (settled || results.length > 0) && (
        <ul id="global-search-results" role="listbox" className="search-results" aria-label="Matching customers">
          {settled && results.length === 0 && <li className="search-empty">No customer matches “{text.trim()}”.</li>}
          {results.map((c, i) => (
            <li
              key={c.id}
              id={`gs-${c.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(c);
              }}
            >
              <span className="result-name">{c.display_name}</span>
              <span className="result-detail">{primaryOf(c.emails)?.address ?? phoneText(primaryOf(c.phones))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function phoneText(phone: { number: string; display?: string } | undefined): string {
  return phone ? formatPhone(phone) : '';
}
