import { Link } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';

// The same words as the backend's 404 page (templates/link_error.html) for an unknown link.
export default function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section className="narrow status-page" data-testid="not-found">
      <p className="status-code">404</p>
      <h1>Link not found</h1>
      <p>There is no link at this address.</p>
      <p>
        <Link to="/">Go to Flamingo</Link>
      </p>
    </section>
  );
}
