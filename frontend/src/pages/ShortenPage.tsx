import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { links, qrSvgUrl } from '../api/endpoints';
import { useDomainChoices } from '../auth/useDomainChoices';
import type { Link } from '../api/types';
import { CopyButton } from '../components/CopyButton';
import { LinkForm } from '../components/LinkForm';
import { usePageTitle } from '../components/usePageTitle';

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
    <section>
      <h1>Shorten a link</h1>
      <LinkForm
        key={formKey}
        submitLabel="Shorten"
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
        withUtm
        domains={domains}
      />
      {create.data ? <Result link={create.data} /> : null}
    </section>
  );
}
