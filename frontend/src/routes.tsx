import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { Layout } from './components/Layout';

// Every page is its own chunk: the first load carries only the shell (and the chart library
// only loads with a link's analytics).
const loadShortenPage = () => import('./pages/ShortenPage');
const ShortenPage = lazy(loadShortenPage);
const LoginPage = lazy(() => import('./pages/LoginPage'));
const SignupPage = lazy(() => import('./pages/SignupPage'));
const loadLinksPage = () => import('./pages/LinksPage');
const loadOverviewPage = () => import('./pages/OverviewPage');
const OverviewPage = lazy(loadOverviewPage);
const loadAnalyticsPage = () => import('./pages/AnalyticsPage');
const AnalyticsPage = lazy(loadAnalyticsPage);
const LinksPage = lazy(loadLinksPage);
const loadLinkDetailPage = () => import('./pages/LinkDetailPage');
const LinkDetailPage = lazy(loadLinkDetailPage);
const loadLinkEditPage = () => import('./pages/LinkEditPage');
const LinkEditPage = lazy(loadLinkEditPage);
const loadImportPage = () => import('./pages/ImportPage');
const ImportPage = lazy(loadImportPage);
const loadTokensPage = () => import('./pages/TokensPage');
const TokensPage = lazy(loadTokensPage);
const loadAdminPage = () => import('./pages/AdminPage');
const AdminPage = lazy(loadAdminPage);
const loadAuditPage = () => import('./pages/AuditPage');
const AuditPage = lazy(loadAuditPage);
const loadDomainsPage = () => import('./pages/DomainsPage');
const DomainsPage = lazy(loadDomainsPage);
const loadOrphansPage = () => import('./pages/OrphansPage');
const OrphansPage = lazy(loadOrphansPage);
const loadWorkspacePage = () => import('./pages/WorkspacePage');
const WorkspacePage = lazy(loadWorkspacePage);
const loadInvitePage = () => import('./pages/InvitePage');
const InvitePage = lazy(loadInvitePage);
const UnlockPage = lazy(() => import('./pages/UnlockPage'));
const GonePage = lazy(() => import('./pages/GonePage'));
// Unknown addresses of the SPA (an unknown short link has its own words: NotFoundPage).
const PageNotFound = lazy(() => import('./pages/PageNotFound'));

// A protected page's code starts loading while the session is still being checked (not after).
const authed = (page: ReactNode, load: () => Promise<unknown>, admin = false) => (
  <RequireAuth admin={admin} preload={load}>
    {page}
  </RequireAuth>
);

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: authed(<ShortenPage />, loadShortenPage) },
      { path: 'login', element: <LoginPage /> },
      { path: 'signup', element: <SignupPage /> },
      { path: 'links', element: authed(<LinksPage />, loadLinksPage) },
      { path: 'overview', element: authed(<OverviewPage />, loadOverviewPage) },
      { path: 'analytics', element: authed(<AnalyticsPage />, loadAnalyticsPage) },
      { path: 'links/:id', element: authed(<LinkDetailPage />, loadLinkDetailPage) },
      { path: 'links/:id/edit', element: authed(<LinkEditPage />, loadLinkEditPage) },
      { path: 'import', element: authed(<ImportPage />, loadImportPage) },
      { path: 'tokens', element: authed(<TokensPage />, loadTokensPage) },
      { path: 'workspace', element: authed(<WorkspacePage />, loadWorkspacePage) },
      { path: 'invite/:token', element: authed(<InvitePage />, loadInvitePage) },
      { path: 'verify-email/:token', Component: lazy(() => import('./pages/VerifyEmailPage')) },
      { path: 'admin', element: authed(<AdminPage />, loadAdminPage, true) },
      { path: 'admin/audit', element: authed(<AuditPage />, loadAuditPage, true) },
      { path: 'admin/domains', element: authed(<DomainsPage />, loadDomainsPage, true) },
      { path: 'admin/orphans', element: authed(<OrphansPage />, loadOrphansPage, true) },
      { path: 'unlock/:code', element: <UnlockPage /> },
      { path: 'gone', element: <GonePage /> },
      { path: '*', element: <PageNotFound /> },
    ],
  },
];
