import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { auth } from '../api/endpoints';
import { ME_KEY, useMe } from '../auth/useMe';
import { Alert, ErrorAlert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { ResendVerification } from '../components/ResendVerification';
import { usePageTitle } from '../components/usePageTitle';

/** What to do about a link the API refused, by its problem. */
function advice(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.slug) {
    case 'verification-not-found':
      return 'This link does not work: it may be cut short, or a newer one was sent. Use the newest link, or ask for another one.';
    case 'verification-used':
      return 'This link has been used already: if it was you, your address is confirmed.';
    case 'verification-expired':
      return 'This link has expired: ask for a new one.';
    default:
      return null;
  }
}

/** `/verify-email/:token`: the page of the mailed link; it confirms the address at once. */
export default function VerifyEmailPage() {
  usePageTitle('Confirm your email address');
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const { user } = useMe();
  const verify = useMutation({
    mutationFn: () => auth.verifyEmail(token),
    // A signed-in user's `email_verified` changed: pages that read it ask again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
  // The token works once: post it once, even when React runs effects twice (StrictMode).
  const posted = useRef(false);
  const { mutate } = verify;
  useEffect(() => {
    if (posted.current) return;
    posted.current = true;
    mutate();
  }, [mutate]);
  const hint = advice(verify.error);
  const canResend =
    user && !user.email_verified && verify.error instanceof ApiError && verify.error.status !== 409;
  return (
    <section className="narrow">
      <h1>Confirm your email address</h1>
      {verify.isPending ? <Loading /> : null}
      {verify.data ? (
        <>
          <Alert kind="success">
            {verify.data.email} is confirmed. You can now accept invitations sent to it.
          </Alert>
          <p>
            {user ? (
              <RouterLink to="/links">Go to your links</RouterLink>
            ) : (
              <RouterLink to="/login">Log in</RouterLink>
            )}
          </p>
        </>
      ) : null}
      <ErrorAlert error={verify.error} />
      {hint ? <p data-testid="verification-advice">{hint}</p> : null}
      {canResend ? <ResendVerification /> : null}
      {verify.error && !user ? (
        <p>
          <RouterLink to="/login">Log in</RouterLink> to ask for a new link.
        </p>
      ) : null}
    </section>
  );
}
