import { useState } from 'react';

/** The stack of cursors of the pages seen so far: the API pages forward only (opaque cursors),
 * so "Previous" pops back to the cursor that produced the page before. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    next: (cursor: string) => setCursors((c) => [...c, cursor]),
    reset: () => setCursors([null]),
  };
}
