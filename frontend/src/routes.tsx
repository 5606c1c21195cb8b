import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { Layout } from './components/Layout';

// Every page is its own chunk: the first load carries only the shell (and the chart library
// only loads with a link's analytics).
const ShortenPage = lazy(() => import('./pages/ShortenPage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const SignupPage = lazy(() => import('./pages/SignupPage'));
const LinksPage = lazy(() => import('./pages/LinksPage'));
const LinkDetailPage = lazy(() => import('./pages/LinkDetailPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const TokensPage = lazy(() => import('./pages/TokensPage'));
const AdminPage = lazy(() => import('./pages/AdminPage'));
const UnlockPage = lazy(() => import('./pages/UnlockPage'));
const GonePage = lazy(() => import('./pages/GonePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const authed = (page: ReactNode, admin = false) => <RequireAuth admin={admin}>{page}</RequireAuth>;

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: authed(<ShortenPage />) },
      { path: 'login', element: <LoginPage /> },
      { path: 'signup', element: <SignupPage /> },
      { path: 'links', element: authed(<LinksPage />) },
      { path: 'links/:id', element: authed(<LinkDetailPage />) },
      { path: 'import', element: authed(<ImportPage />) },
      { path: 'tokens', element: authed(<TokensPage />) },
      { path: 'admin', element: authed(<AdminPage />, true) },
      { path: 'unlock/:code', element: <UnlockPage /> },
      { path: 'gone', element: <GonePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
