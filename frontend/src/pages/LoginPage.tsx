import { auth } from '../api/endpoints';
import { usePageTitle } from '../components/usePageTitle';
import { AuthForm } from './AuthForm';

export default function LoginPage() {
  usePageTitle('Log in');
  return <AuthForm mode="login" submit={auth.login} />;
}
