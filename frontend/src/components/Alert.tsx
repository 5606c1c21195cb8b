import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

export function Alert({
  kind = 'error',
  children,
}: {
  kind?: 'error' | 'success' | 'info';
  children: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The problem's detail for errors that name no field of the form. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert>{errorMessage(error)}</Alert>;
}
