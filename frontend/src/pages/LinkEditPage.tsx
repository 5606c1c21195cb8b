import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { links } from '../api/endpoints';
import { linkQuery } from '../api/queries';
import { useRoleIn } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { LinkForm } from '../components/LinkForm';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { can } from '../lib/roles';
import { storeUpdated } from './linkCache';
import NotFoundPage from './NotFoundPage';

/** Editing one link, on a page of its own so that the link's page opens on its analytics. */
export default function LinkEditPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery(linkQuery(id));
  const save = useMutation({
    mutationFn: (input: Parameters<typeof links.update>[1]) => links.update(id, input),
    onSuccess: (updated) => storeUpdated(queryClient, updated),
  });
  const name = query.data ? query.data.title || query.data.code : '';
  usePageTitle(name ? `Edit ${name} · Link` : 'Edit link');
  const canWrite = can(useRoleIn(query.data?.workspace_id ?? ''), 'links.write');
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Loading />;
  const link = query.data;
  const back = <RouterLink to={`/links/${link.id}`}>← Back to {name} and its analytics</RouterLink>;
  return (
    <section className="card" aria-labelledby="edit-heading">
      <p>{back}</p>
      <h1 id="edit-heading">Edit {name}</h1>
      <p className="hint break">{link.short_url}</p>
      {canWrite ? (
        <>
          {save.isSuccess ? (
            <Alert kind="success">
              Saved. <RouterLink to={`/links/${link.id}`}>See the link</RouterLink>
            </Alert>
          ) : null}
          <LinkForm
            key={link.updated_at}
            original={link}
            submitLabel="Save changes"
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        </>
      ) : (
        <Alert kind="info">
          Your role in this link’s workspace lets you see it but not change it.
        </Alert>
      )}
    </section>
  );
}
