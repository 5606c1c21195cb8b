import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props<T> {
  /** The header cells, in order. */
  columns: readonly string[];
  rows: readonly T[];
  /** One `<tr>` per row (its first cell a `<th scope="row">`, as the pages name rows). */
  children: (row: T) => ReactNode;
  caption?: string;
  /** The caption is for screen readers only (a heading says it already). */
  captionHidden?: boolean;
  /** A last column of buttons, named "Actions" for screen readers only. */
  withActions?: boolean;
  /** The one row shown when there are none (none: an empty body). */
  empty?: string;
  testId?: string;
}

/**
 * A list as a table. Under 720 px each row becomes a card of "label: value" lines (the labels
 * come from `columns`, set on the cells after each render), so nothing — ids, emails, action
 * buttons — is squeezed to a character per line or clipped off screen.
 */
export function DataTable<T>(props: Props<T>) {
  const { columns, rows, children, caption, captionHidden, withActions, empty, testId } = props;
  const span = columns.length + (withActions ? 1 : 0);
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    for (const row of table.current?.tBodies[0]?.rows ?? []) {
      Array.from(row.cells).forEach((cell, i) => {
        const label = columns[i];
        if (label && row.cells.length > 1) cell.dataset.label = label;
        else delete cell.dataset.label;
      });
    }
  });
  return (
    <div className="table-scroll">
      <table data-testid={testId} className="stacking" ref={table}>
        {caption ? (
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        ) : null}
        <thead>
          <tr>
            {columns.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
            {withActions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={span}>{empty}</td>
            </tr>
          ) : (
            rows.map(children)
          )}
        </tbody>
      </table>
    </div>
  );
}
