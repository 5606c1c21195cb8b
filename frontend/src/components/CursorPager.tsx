import type { useCursorPages } from './useCursorPages';

type Pages = ReturnType<typeof useCursorPages>;

export function CursorPager({
  pages,
  nextCursor,
  label,
  showPage = false,
}: {
  pages: Pages;
  nextCursor: string | null | undefined;
  label: string;
  showPage?: boolean;
}) {
  // One page only: no pager at all (two disabled buttons would only be noise).
  if (pages.page < 2 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="secondary"
        disabled={pages.page < 2}
        onClick={pages.previous}
      >
        Previous
      </button>
      {showPage ? <span>Page {pages.page}</span> : null}
      <button
        type="button"
        className="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && pages.next(nextCursor)}
      >
        Next
      </button>
    </nav>
  );
}
