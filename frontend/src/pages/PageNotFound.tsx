import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';

/** An address of the SPA that is no page of it (an unknown link has its own page, NotFoundPage). */
export default function PageNotFound() {
  usePageTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <section className="narrow status-page" data-testid="page-not-found">
      <p className="status-code">404</p>
      <h1>Page not found</h1>
      <p className="break">
        Flamingo has no page at <code>{`${import.meta.env.BASE_URL}${pathname.slice(1)}`}</code>.
        Check the address, or start again from one of these:
      </p>
      <ul>
        <li>
          <Link to="/">Shorten a link</Link>
        </li>
        <li>
          <Link to="/links">Your links</Link>
        </li>
      </ul>
    </section>
  );
}
