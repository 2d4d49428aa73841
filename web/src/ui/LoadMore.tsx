// The "Load more" button under a paged list (usePages), with why the next page failed.
import type { Pages } from '../api/usePages';
import { errorText } from './errors';

type Paging = Pick<Pages<unknown>, 'hasMore' | 'moreBusy' | 'moreError' | 'loading' | 'loadMore'>;

export function LoadMore({ pages, what }: { pages: Paging; what: string }) {
  if (!pages.hasMore) return null;
  return (
    <div className="actions">
      <button type="button" onClick={pages.loadMore} disabled={pages.moreBusy || pages.loading}>
        {pages.moreBusy ? 'Loading more…' : `Load more ${what}`}
      </button>
      {pages.moreError !== undefined && (
        <span className="notice notice-error" role="alert">
          More {what} could not be loaded: {errorText(pages.moreError)}
        </span>
      )}
    </div>
  );
}
