import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CursorPager } from './CursorPager';
import { useCursorPages } from './useCursorPages';

function Harness({ nextOf }: { nextOf: (cursor: string | null) => string | null }) {
  const pages = useCursorPages();
  return (
    <>
      <p>cursor: {pages.cursor ?? 'first'}</p>
      <CursorPager pages={pages} nextCursor={nextOf(pages.cursor)} label="Pages" showPage />
    </>
  );
}

describe('cursor pager', () => {
  it('walks forward by cursor and back through the cursors it saw', async () => {
    const chain: Record<string, string | null> = { first: 'c2', c2: 'c3', c3: null };
    render(<Harness nextOf={(c) => chain[c ?? 'first'] ?? null} />);
    const previous = screen.getByRole('button', { name: 'Previous' });
    const next = screen.getByRole('button', { name: 'Next' });
    expect(previous).toBeDisabled();
    await userEvent.click(next);
    await userEvent.click(next);
    expect(screen.getByText('cursor: c3')).toBeInTheDocument();
    expect(screen.getByText('Page 3')).toBeInTheDocument();
    expect(next).toBeDisabled();
    await userEvent.click(previous);
    expect(screen.getByText('cursor: c2')).toBeInTheDocument();
    await userEvent.click(previous);
    expect(screen.getByText('cursor: first')).toBeInTheDocument();
    expect(previous).toBeDisabled();
  });

  it('is not shown when everything fits on one page', () => {
    render(<Harness nextOf={() => null} />);
    expect(screen.queryByRole('navigation', { name: 'Pages' })).not.toBeInTheDocument();
  });
});
