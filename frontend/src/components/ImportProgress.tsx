import { useId, type ReactNode } from 'react';

/** A long import's progress: a labelled bar and a line saying how far it got (the CSV import
 * counts rows, a peer's file counts pages). */
export function ImportProgress({
  done,
  total,
  children,
  testId,
}: {
  done: number;
  total: number;
  /** The line under the bar, e.g. "3 of 5 pages sent". */
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="field" data-testid={testId}>
      <label htmlFor={id}>Progress</label>
      <progress id={id} max={total} value={done}>
        {done} of {total}
      </progress>
      {children}
    </div>
  );
}
