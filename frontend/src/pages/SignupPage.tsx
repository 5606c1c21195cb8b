import { auth } from '../api/endpoints';
import { usePageTitle } from '../components/usePageTitle';
import { AuthForm } from './AuthForm';

export default function SignupPage() {
  usePageTitle('Sign up');
  return <AuthForm mode="signup" submit={auth.signup} />;
}
