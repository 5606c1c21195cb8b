import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { links } from '../api/endpoints';
import { useRecheckWorkspaces } from '../auth/useWorkspaces';
import type { Link, Workspace } from '../api/types';
import { ErrorAlert } from '../components/Alert';
import { CursorPager } from '../components/CursorPager';
import { useCursorPages } from '../components/useCursorPages';
import { ConfirmButton } from '../components/ConfirmButton';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import { can } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

const PAGE_SIZE = 20;

function LinkRow({ link, canWrite }: { link: Link; canWrite: boolean }) {
  const name = link.title || link.code;
  return (
    <li className="card link-row" data-testid="link-row">
      <div className="link-main">
        <h2 className="link-title">
          <RouterLink to={`/links/${link.id}`}>{name}</RouterLink>
          {link.disabled ? <span className="badge">disabled</span> : null}
          {link.has_password ? <span className="badge">password</span> : null}
        </h2>
        <p className="short-url">
          <a href={link.short_url}>{link.short_url}</a>
        </p>
        <p className="hint break">{link.target}</p>
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

/** Disable/enable and delete: for roles that may change the workspace's links. */
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
      <button
        type="button"
        className="secondary"
        onClick={() => toggle.mutate()}
        disabled={toggle.isPending}
        aria-label={`${link.disabled ? 'Enable' : 'Disable'} ${name}`}
      >
        {link.disabled ? 'Enable' : 'Disable'}
      </button>
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

export default function LinksPage() {
  usePageTitle('Your links');
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  // A new search or another workspace starts again at page one with its own form state.
  return (
    <WithWorkspace>
      {(workspace) => (
        <LinkList key={`${workspace.id}\n${q}\n${tag}`} workspace={workspace} q={q} tag={tag} />
      )}
    </WithWorkspace>
  );
}

function LinkList({ workspace, q, tag }: { workspace: Workspace; q: string; tag: string }) {
  const [, setParams] = useSearchParams();
  const pages = useCursorPages();
  const { cursor } = pages;
  const query = useQuery({
    queryKey: ['links', { workspace: workspace.id, q, tag, cursor }],
    queryFn: () => links.list({ workspace_id: workspace.id, q, tag, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  useRecheckWorkspaces(query.error);
  const [draft, setDraft] = useState({ q, tag });
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.tag.trim()) next.set('tag', draft.tag.trim());
    setParams(next);
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
