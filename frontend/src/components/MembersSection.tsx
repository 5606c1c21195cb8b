import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { workspaces } from '../api/endpoints';
import type { Member, Workspace, WorkspaceRole } from '../api/types';
import { useKnownUser } from '../auth/useMe';
import { useRecheckWorkspaces, WORKSPACES_KEY } from '../auth/useWorkspaces';
import { formatDateTime } from '../lib/dates';
import { assignableRoles, canManageMember, ROLE_LABELS } from '../lib/roles';
import { ErrorAlert } from './Alert';
import { ConfirmButton } from './ConfirmButton';
import { DataTable } from './DataTable';
import { Loading } from './Loading';

const membersKey = (workspaceId: string) => ['workspaces', workspaceId, 'members'] as const;

interface RowProps {
  workspace: Workspace;
  member: Member;
  isMe: boolean;
  /** The workspace's only owner: their role cannot change (a workspace keeps an owner). */
  soleOwner: boolean;
  onChangeRole: (role: WorkspaceRole) => void;
  onRemove: () => void;
  pending: boolean;
}

function MemberRow(props: RowProps) {
  const { workspace, member, isMe, soleOwner, onChangeRole, onRemove, pending } = props;
  const manageable = canManageMember(workspace.role, member.role);
  const roles = assignableRoles(workspace.role);
  const who = member.email ?? member.user_id;
  return (
    <tr data-testid="member-row">
      <th scope="row">
        {who}
        {isMe ? <span className="badge">you</span> : null}
      </th>
      <td>
        {soleOwner ? (
          <>
            {ROLE_LABELS[member.role]}
            {manageable ? (
              <p className="hint">The only owner: make another member owner first.</p>
            ) : null}
          </>
        ) : manageable && roles.length > 0 ? (
          <select
            aria-label={`Role of ${who}`}
            value={member.role}
            disabled={pending}
            onChange={(e) => onChangeRole(e.target.value as WorkspaceRole)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td>{formatDateTime(member.joined_at)}</td>
      <td>
        {manageable && !isMe && !soleOwner ? (
          <ConfirmButton
            label="Remove"
            question={`Remove ${who} from ${workspace.name}?`}
            confirmLabel="Yes, remove"
            onConfirm={onRemove}
            pending={pending}
          />
        ) : null}
      </td>
    </tr>
  );
}

/** The workspace's members and roles; admins change roles and remove members, anyone leaves. */
export function MembersSection({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useKnownUser();
  const key = membersKey(workspace.id);
  const list = useQuery({ queryKey: key, queryFn: () => workspaces.members(workspace.id) });
  useRecheckWorkspaces(list.error);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
  };
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) =>
      workspaces.setRole(workspace.id, userId, role),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => workspaces.removeMember(workspace.id, userId),
    onSuccess: refresh,
  });
  const leave = useMutation({
    mutationFn: (userId: string) => workspaces.removeMember(workspace.id, userId),
    // Gone from the list, the workspace is no longer current: the personal one is.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
      void navigate('/links');
    },
  });
  const pending = setRole.isPending || remove.isPending;
  const owners = list.data?.filter((m) => m.role === 'owner').length ?? 0;
  const meSoleOwner = workspace.role === 'owner' && owners === 1;
  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ErrorAlert error={list.error ?? setRole.error ?? remove.error} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <DataTable
          testId="members-table"
          caption="Members and their roles"
          captionHidden
          columns={['Member', 'Role', 'Joined']}
          withActions
          rows={list.data}
        >
          {(m) => (
            <MemberRow
              key={m.user_id}
              workspace={workspace}
              member={m}
              isMe={m.user_id === me?.id}
              soleOwner={m.role === 'owner' && owners === 1}
              pending={pending}
              onChangeRole={(role) => {
                setRole.reset();
                remove.reset();
                setRole.mutate({ userId: m.user_id, role });
              }}
              onRemove={() => {
                setRole.reset();
                remove.mutate(m.user_id);
              }}
            />
          )}
        </DataTable>
      ) : null}
      {!workspace.personal && me && meSoleOwner ? (
        <p className="hint" data-testid="leave-blocked">
          You are its only owner: to leave, make another member owner first (or delete the
          workspace).
        </p>
      ) : null}
      {!workspace.personal && me && !meSoleOwner ? (
        <div className="actions">
          <ConfirmButton
            label="Leave workspace"
            question={`Leave ${workspace.name}? You lose access to its links at once.`}
            confirmLabel="Yes, leave"
            onConfirm={() => leave.mutate(me.id)}
            pending={leave.isPending}
          />
        </div>
      ) : null}
      <ErrorAlert error={leave.error} />
    </section>
  );
}
