import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../api/client';
import { unlock } from '../api/endpoints';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { usePageTitle } from '../components/usePageTitle';
import { isHttpUrl, serverFieldErrors } from '../lib/formErrors';
import GonePage from './GonePage';
import NotFoundPage from './NotFoundPage';

/** Where a password-protected short link sends its visitors. */
export default function UnlockPage({ go = (url: string) => window.location.assign(url) }) {
  usePageTitle('Password required');
  const { code = '' } = useParams();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: async () => {
      const { target } = await unlock(code, password);
      // Defence in depth: only ever navigate to an http(s) URL, whatever the answer says.
      if (!isHttpUrl(target))
        throw new Error('This link points somewhere this page will not open.');
      return target;
    },
    onSuccess: (target) => go(target),
  });
  const error = mutation.error;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 410) return <GonePage />;
  const wrongPassword = error instanceof ApiError && [401, 403].includes(error.status);
  const server = serverFieldErrors(error, ['password']);
  const passwordError = missing
    ? 'Enter the password.'
    : wrongPassword
      ? 'That password is not right.'
      : server.byField.password;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(!password);
    if (password) mutation.mutate();
  };
  return (
    <section className="narrow">
      <h1>This link is protected</h1>
      <p>
        Enter the password to continue to <code>/{code}</code>.
      </p>
      {!wrongPassword && server.unclaimed ? <ErrorAlert error={error} /> : null}
      <form onSubmit={submit} noValidate>
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
        />
        <button type="submit" disabled={mutation.isPending || mutation.isSuccess}>
          {mutation.isSuccess ? 'Redirecting…' : 'Continue'}
        </button>
      </form>
    </section>
  );
}
