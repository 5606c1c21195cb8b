import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { Link } from '../api/types';
import { LinkForm } from './LinkForm';
import { aLink } from '../test/fixtures';

const link: Link = aLink({
  id: 'l1',
  code: 'promo',
  short_url: 'https://f.example/promo',
  target: 'https://example.com/a',
  title: 'Promo',
  tags: ['a'],
  expires_at: null,
  max_clicks: null,
  has_password: true,
  redirect_status: 302,
  disabled: false,
});

/** The edit form of `link`; returns the submit spy. */
function renderEditForm(error: ApiError | null = null) {
  const onSubmit = vi.fn();
  render(
    <LinkForm
      original={link}
      submitLabel="Save"
      pending={false}
      error={error}
      onSubmit={onSubmit}
    />,
  );
  return onSubmit;
}

describe('link edit form', () => {
  it('sends only what changed (the alias only when edited)', async () => {
    const onSubmit = renderEditForm();
    expect(screen.getByLabelText('Alias (code)')).toHaveValue(link.code);
    await userEvent.clear(screen.getByLabelText('Target URL'));
    await userEvent.type(screen.getByLabelText('Target URL'), 'https://example.com/b');
    await userEvent.selectOptions(screen.getByLabelText('Redirect status'), '301');
    await userEvent.click(screen.getByLabelText('Remove the password'));
    expect(screen.getByLabelText('New password')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({
      target: 'https://example.com/b',
      redirect_status: 301,
      password: null,
    });
  });

  it('sends a new alias, which moves the link', async () => {
    const onSubmit = renderEditForm();
    await userEvent.clear(screen.getByLabelText('Alias (code)'));
    await userEvent.type(screen.getByLabelText('Alias (code)'), 'spring-sale');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({ alias: 'spring-sale' });
  });

  it('shows each server field error next to its field', () => {
    const error = new ApiError({
      type: 'https://flamingo.company.example/problems/validation-error',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'invalid fields: expires_at, max_clicks',
      errors: [
        { field: 'expires_at', message: 'must be in the future' },
        { field: 'max_clicks', message: 'must be at least 1' },
      ],
    });
    renderEditForm(error);
    expect(screen.getByLabelText(/^Expires at \(.+\)$/)).toHaveAccessibleDescription(
      'must be in the future',
    );
    expect(screen.getByLabelText('Max clicks')).toHaveAccessibleDescription('must be at least 1');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an error that names no field of the form as an alert', () => {
    const error = new ApiError({
      type: 'x/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'edited elsewhere',
    });
    renderEditForm(error);
    expect(screen.getByRole('alert')).toHaveTextContent('Edited elsewhere.');
  });
});
