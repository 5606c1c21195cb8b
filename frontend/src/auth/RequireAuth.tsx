import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { useMe } from './useMe';

export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { user, error } = useMe();
  const location = useLocation();
  if (error) return <ErrorAlert error={error} />;
  if (user === undefined) return <Loading />;
  if (user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (admin && user.role !== 'admin') return <Navigate to="/not-found" replace />;
  return <>{children}</>;
}
