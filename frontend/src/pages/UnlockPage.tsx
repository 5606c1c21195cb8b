import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type SubmitEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { unlock, unlockStatus } from '../api/endpoints';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { isHttpUrl, serverFieldErrors } from '../lib/formErrors';
import GonePage from './GonePage';

/** The unlock page of a code no link has: says so, instead of asking for a password. */
function NoSuchLink({ code }: { code: string }) {
  usePageTitle('Link not found');
  return (
    <section className="narrow status-page" data-testid="unlock-not-found">
      <p className="status-code">404</p>
      <h1>Link not found</h1>
      <p>
        There is no link <code>/{code}</code>, so there is nothing to unlock. Check the address you
        were given.
      </p>
      <p>
        <Link to="/">Go to Flamingo</Link>
      </p>
    </section>
  );
}

const isStatus = (error: unknown, status: number) =>
  error instanceof ApiError && error.status === status;

/**
 * Where a password-protected short link sends its visitors. The redirect adds `?visit=`: the
 * visit's query string and referrer, signed by the server; it goes back with the password, so
 * the unlocked visit is the same visit (query forwarding, query rules, the click's referrer).
 */
export default function UnlockPage({
  go = (url: string) => window.location.assign(url),
}: {
  go?: (url: string) => void;
}) {
  usePageTitle('Password required');
  const { code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const visit = searchParams.get('visit') ?? undefined;
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  // Asked first, so an unknown or gone link says so before anyone types a password.
  const status = useQuery({
    queryKey: ['unlock', code],
    queryFn: () => unlockStatus(code),
    retry: false,
  });
  const unprotected = status.data?.protected === false;
  useEffect(() => {
    if (unprotected) go(`/${code}`); // nothing to unlock: the short link itself redirects
  }, [unprotected, code, go]);
  const mutation = useMutation({
    mutationFn: async () => {
      const { target } = await unlock(code, password, visit);
      // Defence in depth: only ever navigate to an http(s) URL, whatever the answer says.
      if (!isHttpUrl(target))
        throw new Error('This link points somewhere this page will not open.');
      return target;
    },
    onSuccess: (target) => go(target),
  });
  const error = mutation.error;
  if (isStatus(status.error, 404) || isStatus(error, 404)) return <NoSuchLink code={code} />;
  if (isStatus(status.error, 410) || isStatus(error, 410)) return <GonePage />;
  if (status.isPending || unprotected) return <Loading label="Opening the link…" />;
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
      {status.error ? <ErrorAlert error={status.error} /> : null}
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
