import { Link } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';

// Same words as the backend's 410 page for an expired, used-up or disabled short link.
export default function GonePage() {
  usePageTitle('Link unavailable');
  return (
    <section className="narrow status-page" data-testid="gone">
      <p className="status-code">410</p>
      <h1>Link unavailable</h1>
      <p>This link has expired, reached its click limit or has been disabled.</p>
      <p>
        <Link to="/">Go to Flamingo</Link>
      </p>
    </section>
  );
}
