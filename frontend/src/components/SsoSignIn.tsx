import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { auth } from '../api/endpoints';
import { safeNext } from '../lib/credentials';

/** What the callback's `?sso_error=` codes mean to a person (the API's codes are stable). */
const SSO_ERRORS: Record<string, string> = {
  'email-unverified': 'Your provider has not verified your email address.',
  'domain-not-allowed': 'Accounts of your email domain may not sign in here.',
  'account-disabled': 'This account is disabled. Ask an administrator.',
  'account-mismatch': 'This email belongs to another account at your provider.',
  'provider-unavailable': 'The sign-in provider cannot be reached right now. Try again shortly.',
  'provider-refused': 'The sign-in was cancelled or refused at the provider.',
};
const GENERIC = 'The sign-in did not complete. Please start again.';

const PROVIDERS_KEY = ['auth', 'providers'] as const;

/** "Sign in with Google" (or the configured provider) when single sign-on is on, and the reason
 * a single sign-on that came back here failed. A plain link: the flow is browser navigation.
 * The page's `?next` (an invitation waiting, say) goes along: the API returns there afterwards. */
export function SsoSignIn() {
  const [params] = useSearchParams();
  const providers = useQuery({ queryKey: PROVIDERS_KEY, queryFn: auth.providers });
  const error = params.get('sso_error');
  const oidc = providers.data?.oidc;
  const next = params.get('next');
  const href =
    oidc && next ? `${oidc.login_url}?next=${encodeURIComponent(safeNext(next))}` : oidc?.login_url;
  return (
    <>
      {error ? (
        <div role="alert" className="alert alert-error">
          {SSO_ERRORS[error] ?? GENERIC}
        </div>
      ) : null}
      {oidc ? (
        <p>
          <a className="button" href={href}>
            Sign in with {oidc.name}
          </a>
        </p>
      ) : null}
    </>
  );
}
