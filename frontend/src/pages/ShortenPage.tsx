import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { links, qrSvgUrl } from '../api/endpoints';
import { useDomainChoices } from '../auth/useDomainChoices';
import type { Link, Workspace } from '../api/types';
import { Alert } from '../components/Alert';
import { CopyButton } from '../components/CopyButton';
import { LinkForm } from '../components/LinkForm';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import { can } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

function Result({ link }: { link: Link }) {
  return (
    <section className="card result" aria-labelledby="result-heading">
      <h2 id="result-heading">Your short link</h2>
      <p className="short-url">
        <a href={link.short_url} data-testid="short-url">
          {link.short_url}
        </a>{' '}
        <CopyButton text={link.short_url} />
      </p>
      <p className="hint break">→ {link.target}</p>
      <img
        className="qr"
        src={qrSvgUrl(link.id)}
        width={160}
        height={160}
        alt={`QR code for ${link.short_url}`}
      />
      <p>
        <RouterLink to={`/links/${link.id}`}>Edit and see analytics</RouterLink>
      </p>
    </section>
  );
}

export default function ShortenPage() {
  usePageTitle('Shorten a link');
  return (
    <section>
      <h1>Shorten a link</h1>
      <WithWorkspace>
        {(workspace) =>
          can(workspace.role, 'links.write') ? (
            <Shorten key={workspace.id} workspace={workspace} />
          ) : (
            <Alert kind="info">
              You can see the links of {workspaceLabel(workspace)} but not create them: ask one of
              its admins for the member role, or switch to another workspace.
            </Alert>
          )
        }
      </WithWorkspace>
    </section>
  );
}

/** The form creates the link in `workspace`. */
function Shorten({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const domains = useDomainChoices();
  const create = useMutation({
    mutationFn: links.create,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['links'] });
      setFormKey((k) => k + 1); // a fresh form for the next link
    },
  });
  return (
    <>
      <p className="hint" data-testid="shorten-workspace">
        In {workspaceLabel(workspace)}
      </p>
      <LinkForm
        key={formKey}
        submitLabel="Shorten"
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate({ ...input, workspace_id: workspace.id })}
        withUtm
        domains={domains}
      />
      {create.data ? <Result link={create.data} /> : null}
    </>
  );
}
