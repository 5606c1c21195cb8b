import { useQuery } from '@tanstack/react-query';
import { version } from '../api/endpoints';

/** Shows which backend answered, so blue and green are told apart at a glance. */
export function Footer() {
  const query = useQuery({ queryKey: ['version'], queryFn: version, staleTime: 5 * 60_000 });
  const v = query.data;
  return (
    <footer className="site-footer">
      <p>
        Flamingo{' '}
        {v ? (
          <span data-testid="backend-version">
            backend {v.version} · commit <code>{v.commit.slice(0, 12)}</code>
          </span>
        ) : query.isError ? (
          <span>backend version unavailable</span>
        ) : null}
      </p>
    </footer>
  );
}
