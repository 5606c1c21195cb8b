import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Credentials } from '../api/endpoints';
import type { User } from '../api/types';
import { ME_KEY } from '../auth/useMe';
import { Alert, ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { MIN_PASSWORD, safeNext, validateCredentials } from '../lib/credentials';
import { serverFieldErrors } from '../lib/formErrors';

interface Props {
  mode: 'login' | 'signup';
  submit: (body: Credentials) => Promise<User>;
}

export function AuthForm({ mode, submit }: Props) {
  const [values, setValues] = useState<Credentials>({ email: '', password: '' });
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof Credentials, string>>>({});
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (user) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, user);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const server = serverFieldErrors(mutation.error, ['email', 'password']);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const errors = validateCredentials(values, mode);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) {
      mutation.mutate({ email: values.email.trim(), password: values.password });
    }
  };
  const isLogin = mode === 'login';
  // Switching between log in and sign up keeps where to go afterwards (an invitation, say).
  const next = params.get('next');
  const carry = next ? `?next=${encodeURIComponent(safeNext(next))}` : '';
  return (
    <section className="narrow">
      <h1>{isLogin ? 'Log in' : 'Create your account'}</h1>
      {next?.startsWith('/invite/') ? (
        <Alert kind="info">
          {isLogin ? 'Log in' : 'Sign up'} with the email address you were invited with, and you
          come back to the invitation to accept it.
        </Alert>
      ) : null}
      {server.unclaimed ? <ErrorAlert error={mutation.error} /> : null}
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
          error={clientErrors.email ?? server.byField.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={isLogin ? 'current-password' : 'new-password'}
          required
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
          error={clientErrors.password ?? server.byField.password}
          hint={isLogin ? undefined : `At least ${MIN_PASSWORD} characters.`}
        />
        <button type="submit" disabled={mutation.isPending}>
          {isLogin ? 'Log in' : 'Sign up'}
        </button>
      </form>
      <p>
        {isLogin ? (
          <>
            No account yet? <Link to={`/signup${carry}`}>Sign up</Link>
          </>
        ) : (
          <>
            Already have an account? <Link to={`/login${carry}`}>Log in</Link>
          </>
        )}
      </p>
    </section>
  );
}
