import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { links } from '../api/endpoints';
import { useRecheckWorkspaces } from '../auth/useWorkspaces';
import type { Link, LinkListItem, LinkSort, Workspace } from '../api/types';
import { ErrorAlert } from '../components/Alert';
import { CursorPager } from '../components/CursorPager';
import { useCursorPages } from '../components/useCursorPages';
import { ConfirmButton } from '../components/ConfirmButton';
import { CopyButton } from '../components/CopyButton';
import { Field, SelectField } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import { clicksLabel, formatDate, STATE_LABELS, STATE_REASONS } from '../lib/linkState';
import { can } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

const PAGE_SIZE = 20;

function LinkRow({ link, canWrite }: { link: LinkListItem; canWrite: boolean }) {
  const name = link.title || link.code;
  const reason = STATE_REASONS[link.state];
  return (
    <li className="card link-row" data-testid="link-row">
      <div className="link-main">
        <h2 className="link-title">
          <RouterLink to={`/links/${link.id}`}>{name}</RouterLink>
          <span
            className={`badge state-${link.state}`}
            data-testid="link-state"
            title={reason ?? undefined}
          >
            {STATE_LABELS[link.state]}
          </span>
          {link.has_password ? <span className="badge">Password</span> : null}
        </h2>
        <p className="short-url">
          <a href={link.short_url}>{link.short_url}</a>
        </p>
        <p className="hint break">{link.target}</p>
        <p className="link-meta" data-testid="link-meta">
          <span data-testid="link-clicks">{clicksLabel(link.clicks.total)}</span>
          <span>{link.clicks.last_7_days.toLocaleString()} in the last 7 days</span>
          <span>
            Created <time dateTime={link.created_at}>{formatDate(link.created_at)}</time>
          </span>
        </p>
        {link.tags.length ? (
          <ul className="tags" aria-label="Tags">
            {link.tags.map((t) => (
              <li key={t}>
                <RouterLink to={`/links?tag=${encodeURIComponent(t)}`}>{t}</RouterLink>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="actions">
        <CopyButton text={link.short_url} />
        {canWrite ? <WriteActions link={link} name={name} /> : null}
      </div>
    </li>
  );
}

/** Disable/enable and delete: for roles that may change the workspace's links. An owner cannot
 * enable a link an administrator disabled: no button, the reason instead. */
function WriteActions({ link, name }: { link: Link; name: string }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['links'] });
  const toggle = useMutation({
    mutationFn: () => links.update(link.id, { disabled: !link.disabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => links.remove(link.id), onSuccess: refresh });
  return (
    <>
      {link.disabled_by_admin ? (
        <p className="hint">Only an administrator can enable it.</p>
      ) : (
        <button
          type="button"
          className="secondary"
          onClick={() => toggle.mutate()}
          disabled={toggle.isPending}
          aria-label={`${link.disabled ? 'Enable' : 'Disable'} ${name}`}
        >
          {link.disabled ? 'Enable' : 'Disable'}
        </button>
      )}
      <ConfirmButton
        label="Delete"
        question={`Delete ${name}?`}
        confirmLabel="Yes, delete"
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
      <ErrorAlert error={toggle.error ?? remove.error} />
    </>
  );
}

const SORTS: { value: LinkSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'clicks', label: 'Most clicked first' },
];

export default function LinksPage() {
  usePageTitle('Your links');
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const sort: LinkSort = params.get('sort') === 'clicks' ? 'clicks' : 'newest';
  // A new search, order or workspace starts again at page one with its own form state.
  return (
    <WithWorkspace>
      {(workspace) => (
        <LinkList
          key={`${workspace.id}\n${q}\n${tag}\n${sort}`}
          workspace={workspace}
          filter={{ q, tag, sort }}
        />
      )}
    </WithWorkspace>
  );
}

interface Filter {
  q: string;
  tag: string;
  sort: LinkSort;
}

function LinkList({ workspace, filter }: { workspace: Workspace; filter: Filter }) {
  const { q, tag, sort } = filter;
  const [, setParams] = useSearchParams();
  const pages = useCursorPages();
  const { cursor } = pages;
  const query = useQuery({
    queryKey: ['links', { workspace: workspace.id, q, tag, sort, cursor }],
    queryFn: () =>
      links.list({ workspace_id: workspace.id, q, tag, sort, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  useRecheckWorkspaces(query.error);
  const [draft, setDraft] = useState(filter);
  const apply = (next: Filter) => {
    const params = new URLSearchParams();
    if (next.q.trim()) params.set('q', next.q.trim());
    if (next.tag.trim()) params.set('tag', next.tag.trim());
    if (next.sort !== 'newest') params.set('sort', next.sort);
    setParams(params);
  };
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const page = query.data;
  const canWrite = can(workspace.role, 'links.write');
  return (
    <section>
      <h1>Your links</h1>
      <p className="hint" data-testid="links-workspace">
        In {workspaceLabel(workspace)}
      </p>
      <form className="toolbar" role="search" onSubmit={search}>
        <Field
          label="Search"
          name="q"
          type="search"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          hint="Title, target or alias"
        />
        <Field
          label="Tag"
          name="tag"
          value={draft.tag}
          onChange={(e) => setDraft({ ...draft, tag: e.target.value })}
          hint="One tag, exactly"
        />
        <SelectField
          label="Order"
          name="sort"
          value={draft.sort}
          options={SORTS}
          onChange={(value) => apply({ ...draft, sort: value as LinkSort })}
        />
        <button type="submit">Filter</button>
      </form>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading /> : null}
      {page && page.items.length === 0 ? (
        <p>
          No links {q || tag ? 'match' : 'yet'}.{' '}
          {canWrite ? <RouterLink to="/">Shorten one</RouterLink> : null}
        </p>
      ) : null}
      {page ? (
        <ul className="link-list" aria-busy={query.isFetching}>
          {page.items.map((link) => (
            <LinkRow key={link.id} link={link} canWrite={canWrite} />
          ))}
        </ul>
      ) : null}
      {page ? (
        <CursorPager pages={pages} nextCursor={page.next_cursor} label="Pages" showPage />
      ) : null}
    </section>
  );
}
