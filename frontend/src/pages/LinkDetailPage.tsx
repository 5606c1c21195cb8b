import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { links, qrPngUrl, qrSvgUrl } from '../api/endpoints';
import { linkQuery, statsQuery } from '../api/queries';
import type { Link, LinkDetail } from '../api/types';
import { useRoleIn } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { ConfirmButton } from '../components/ConfirmButton';
import { CopyButton } from '../components/CopyButton';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { can } from '../lib/roles';
import { parseView, statsApiQuery } from '../lib/statsView';
import { storeUpdated } from './linkCache';
import NotFoundPage from './NotFoundPage';

// Analytics load only here (and the chart library only once its chart is in view).
const loadLinkStats = () => import('../components/LinkStats');
const LinkStats = lazy(loadLinkStats);

function Header({ link, canWrite }: { link: LinkDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => links.remove(link.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['links'] });
      void navigate('/links');
    },
  });
  return (
    <header className="card link-header">
      <div>
        <h1>{link.title || link.code}</h1>
        <p className="short-url">
          <a href={link.short_url}>{link.short_url}</a> <CopyButton text={link.short_url} />
        </p>
        <p className="hint break">→ {link.target}</p>
        {link.max_clicks != null ? (
          <p className="hint">
            {link.clicks_used ?? 0} of {link.max_clicks} clicks used
          </p>
        ) : null}
        {link.disabled ? (
          <Alert kind="info">
            {link.disabled_by_admin
              ? 'An administrator disabled this link: visitors get “gone”, and only an administrator can enable it.'
              : 'This link is disabled: visitors get “gone”.'}
          </Alert>
        ) : null}
        <div className="actions">
          {canWrite ? (
            <RouterLink className="button" to={`/links/${link.id}/edit`}>
              Edit link
            </RouterLink>
          ) : null}
          {canWrite ? <ToggleButton link={link} /> : null}
          <a className="button secondary" href={qrSvgUrl(link.id)} download={`${link.code}.svg`}>
            QR code (SVG)
          </a>
          <a className="button secondary" href={qrPngUrl(link.id)} download={`${link.code}.png`}>
            QR code (PNG)
          </a>
          {canWrite ? (
            <ConfirmButton
              label="Delete link"
              question={`Delete ${link.short_url}?`}
              confirmLabel="Yes, delete"
              onConfirm={() => remove.mutate()}
            />
          ) : null}
        </div>
        <ErrorAlert error={remove.error} />
      </div>
      <img
        className="qr"
        src={qrSvgUrl(link.id)}
        width={128}
        height={128}
        alt={`QR code for ${link.short_url}`}
      />
    </header>
  );
}

function ToggleButton({ link }: { link: Link }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => links.update(link.id, { disabled: !link.disabled }),
    onSuccess: (updated) => storeUpdated(queryClient, updated),
  });
  if (link.disabled_by_admin) return null; // only an admin can enable it again
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => toggle.mutate()}
        disabled={toggle.isPending}
      >
        {link.disabled ? 'Enable link' : 'Disable link'}
      </button>
      <ErrorAlert error={toggle.error} />
    </>
  );
}

export default function LinkDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery(linkQuery(id));
  // The analytics code and its first query (the view the URL names) start with the link's.
  const { search } = useLocation();
  const firstQuery = useRef(statsApiQuery(parseView(search)));
  useEffect(() => {
    void loadLinkStats();
    // Errors surface where the stats are shown; this only warms the cache.
    queryClient.query(statsQuery(id, firstQuery.current)).catch(() => undefined);
  }, [id, queryClient]);
  usePageTitle(query.data ? `${query.data.title || query.data.code} · Link` : 'Link');
  // Edit controls only for roles that may change the links of the link's own workspace.
  const role = useRoleIn(query.data?.workspace_id ?? '');
  const canWrite = can(role, 'links.write');
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Loading />;
  const link = query.data;
  // Analytics right under the link's header; editing has its own page (/links/:id/edit).
  return (
    <div className="stack">
      <Header link={link} canWrite={canWrite} />
      <Suspense fallback={<Loading label="Loading analytics…" />}>
        <LinkStats linkId={link.id} rules={link.rules} canErase={can(role, 'visits.erase')} />
      </Suspense>
    </div>
  );
}
