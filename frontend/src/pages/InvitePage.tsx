import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { workspaces } from '../api/endpoints';
import { useKnownUser } from '../auth/useMe';
import { WORKSPACES_KEY, useWorkspaces } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { Loading } from '../components/Loading';
import { ResendVerification } from '../components/ResendVerification';
import { usePageTitle } from '../components/usePageTitle';
import { ROLE_LABELS } from '../lib/roles';

/** What to do about an invitation the API refused, by its status. */
function advice(error: unknown, email: string | undefined): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.slug === 'email-unverified') {
    return `Confirm your email address first: open the link we sent to ${email ?? 'you'} when you signed up, then accept the invitation here.`;
  }
  switch (error.status) {
    case 403:
      return `This invitation is for another email address than ${email ?? 'yours'}: log in with the invited one.`;
    case 404:
      return 'There is no such invitation: it may have been revoked, or the link is incomplete.';
    case 409:
      return 'This invitation cannot be used again (or you are a member already).';
    case 410:
      return 'This invitation has expired: ask the workspace’s admins for a new one.';
    default:
      return null;
  }
}

/** `/invite/:token`: a signed-in user joins the workspace they were invited to. */
export default function InvitePage() {
  usePageTitle('Invitation');
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const user = useKnownUser();
  const { list, select } = useWorkspaces();
  // The API answers the invitee only (403 for any other address), with the same refusals as
  // accepting: a dead invitation is explained before anyone clicks.
  const preview = useQuery({
    queryKey: ['invitations', token],
    queryFn: () => workspaces.previewInvitation(token),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => workspaces.accept(token),
    onSuccess: async (membership) => {
      await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
      select(membership.workspace_id); // work in the new workspace from now on
    },
  });
  const joined = accept.data;
  const workspace = joined ? list?.find((w) => w.id === joined.workspace_id) : undefined;
  const error = accept.error ?? preview.error;
  const hint = advice(error, user?.email);
  const offer = preview.data;
  // The one refusal the invitee can fix here: confirm the address, then accept again.
  const unverified = accept.error instanceof ApiError && accept.error.slug === 'email-unverified';
  return (
    <section className="narrow">
      <h1>Join a workspace</h1>
      {joined ? (
        <>
          <Alert kind="success">
            You joined {workspace ? `“${workspace.name}”` : 'the workspace'} as{' '}
            {ROLE_LABELS[joined.role]}; you are working in it now.
          </Alert>
          <p>
            <RouterLink to="/links">See its links</RouterLink>
          </p>
        </>
      ) : (
        <>
          {preview.isPending ? <Loading /> : null}
          {offer ? (
            <p data-testid="invitation-offer">
              You were invited to join “{offer.workspace_name}” as {ROLE_LABELS[offer.role]}. Accept
              to join it as {offer.email}.
            </p>
          ) : null}
          {/* One message: the advice when there is some (it says what the refusal says, with the
              address for email-unverified). */}
          {hint ? (
            <Alert>
              <span data-testid="invitation-advice">{hint}</span>
            </Alert>
          ) : (
            <ErrorAlert error={error} />
          )}
          {unverified ? <ResendVerification /> : null}
          {offer && (!accept.error || unverified) ? (
            <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
              Accept invitation
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
