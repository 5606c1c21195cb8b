import { auth } from '../api/endpoints';
import { SsoSignIn } from '../components/SsoSignIn';
import { usePageTitle } from '../components/usePageTitle';
import { AuthForm } from './AuthForm';

export default function LoginPage() {
  usePageTitle('Log in');
  return (
    <>
      <SsoSignIn />
      <AuthForm mode="login" submit={auth.login} />
    </>
  );
}
