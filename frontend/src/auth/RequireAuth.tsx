import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { useMe } from './useMe';

interface Props {
  children: ReactNode;
  admin?: boolean;
  preload?: () => Promise<unknown>;
}

export function RequireAuth({ children, admin = false, preload }: Props) {
  const { user, error } = useMe();
  useEffect(() => {
    void preload?.();
  }, [preload]);
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
