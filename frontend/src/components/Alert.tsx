import type { ReactNode } from 'react';
import { describeError } from '../lib/messages';

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

/** An error that names no field of the form: the UI's sentence, and the server's detail as
 * secondary text (`lib/messages.ts`: one voice for every page). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const { text, detail } = describeError(error);
  return (
    <Alert>
      {text}
      {detail ? <span className="alert-detail"> {detail}</span> : null}
    </Alert>
  );
}
