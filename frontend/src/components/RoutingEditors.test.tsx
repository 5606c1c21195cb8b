import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { Link, LinkCreate } from '../api/types';
import { aLink } from '../test/fixtures';
import { LinkForm } from './LinkForm';

function renderCreateForm(error: ApiError | null = null, domains?: string[]) {
  const onSubmit = vi.fn<(input: LinkCreate) => void>();
  render(
    <LinkForm
      submitLabel="Shorten"
      pending={false}
      error={error}
      onSubmit={onSubmit}
      domains={domains}
    />,
  );
  return onSubmit;
}

const routed: Link = aLink({
  domain: 'go.example.com',
  rules: [
    { if: { device: ['mobile'] }, target: 'https://example.com/m' },
    { if: { country: ['DE', 'AT'] }, target: 'https://example.com/dach' },
  ],
  variants: [
    { target: 'https://example.com/a', weight: 1 },
    { target: 'https://example.com/b', weight: 3 },
  ],
});

// Many keystrokes per test: a loaded machine needs longer than vitest's default 5 s.
describe('rules and variants editors', { timeout: 30_000 }, () => {
  it('builds rules and a split into the create body', async () => {
    const onSubmit = renderCreateForm();
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/all');
    await userEvent.click(screen.getByText('Redirect rules and A/B split'));
    await userEvent.click(screen.getByRole('button', { name: 'Add a rule' }));
    const rule = screen.getByRole('group', { name: 'Rule 1' });
    const devices = within(rule).getByRole('group', { name: 'Device' });
    await userEvent.click(within(devices).getByLabelText('Tablet'));
    await userEvent.click(within(devices).getByLabelText('Mobile'));
    await userEvent.type(within(rule).getByLabelText('Query parameters'), 'ref=qr');
    await userEvent.type(within(rule).getByLabelText('Send to'), 'https://example.com/app');
    await userEvent.click(screen.getByRole('button', { name: 'Split between targets' }));
    await userEvent.type(screen.getByLabelText('URL of variant 1'), 'https://example.com/a');
    await userEvent.type(screen.getByLabelText('URL of variant 2'), 'https://example.com/b');
    await userEvent.clear(screen.getByLabelText('Weight of variant 2'));
    await userEvent.type(screen.getByLabelText('Weight of variant 2'), '3');
    await userEvent.click(screen.getByLabelText('Forward the visitor’s query string'));
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(onSubmit).toHaveBeenCalledWith({
      target: 'https://example.com/all',
      redirect_status: 302,
      // Devices in their canonical order, whatever order they were checked in.
      rules: [
        {
          if: { device: ['mobile', 'tablet'], query: { ref: 'qr' } },
          target: 'https://example.com/app',
        },
      ],
      variants: [
        { target: 'https://example.com/a', weight: 1 },
        { target: 'https://example.com/b', weight: 3 },
      ],
      forward_query: true,
    });
  });

  it('shows each variant’s share as the weights change', async () => {
    renderCreateForm();
    await userEvent.click(screen.getByRole('button', { name: 'Split between targets' }));
    expect(screen.getByTestId('variant-share-0')).toHaveTextContent('50 %');
    await userEvent.click(screen.getByRole('button', { name: 'Add a variant' }));
    await userEvent.clear(screen.getByLabelText('Weight of variant 3'));
    await userEvent.type(screen.getByLabelText('Weight of variant 3'), '2');
    expect(screen.getByLabelText('Weight of variant 3')).toHaveAccessibleDescription(
      '50 % of visitors',
    );
    expect(screen.getByTestId('variant-share-0')).toHaveTextContent('25 %');
    // A split never has fewer than two targets: their remove buttons come back at three.
    expect(screen.getByRole('button', { name: 'Remove variant 1' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove variant 1' }));
    expect(screen.getByRole('button', { name: 'Remove variant 1' })).toBeDisabled();
    expect(screen.getByTestId('variant-share-1')).toHaveTextContent('67 %');
  });

  it('refuses a rule without a condition and a bad weight without calling the API', async () => {
    const onSubmit = renderCreateForm();
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/all');
    await userEvent.click(screen.getByText('Redirect rules and A/B split'));
    await userEvent.click(screen.getByRole('button', { name: 'Add a rule' }));
    await userEvent.type(screen.getByLabelText('Send to'), 'https://example.com/x');
    await userEvent.click(screen.getByRole('button', { name: 'Split between targets' }));
    await userEvent.type(screen.getByLabelText('URL of variant 1'), 'https://example.com/a');
    await userEvent.type(screen.getByLabelText('URL of variant 2'), 'https://example.com/b');
    await userEvent.clear(screen.getByLabelText('Weight of variant 1'));
    await userEvent.type(screen.getByLabelText('Weight of variant 1'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Rule 1' })).toHaveAccessibleDescription(
      'Set at least one condition.',
    );
    expect(screen.getByLabelText('Weight of variant 1')).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts API field errors (`rules.1.target`, `variants.0.weight`) next to their inputs', () => {
    const error = new ApiError({
      type: 'https://flamingo.company.example/problems/validation-error',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'invalid fields',
      errors: [
        { field: 'rules.1.target', message: 'the domain is on the blocklist' },
        { field: 'rules.0.if.device.0', message: 'not a device' },
        { field: 'variants.1.weight', message: 'must be at least 1' },
      ],
    });
    render(
      <LinkForm
        original={routed}
        submitLabel="Save"
        pending={false}
        error={error}
        onSubmit={vi.fn()}
      />,
    );
    const second = screen.getByRole('group', { name: 'Rule 2' });
    expect(within(second).getByLabelText('Send to')).toHaveAccessibleDescription(
      'the domain is on the blocklist',
    );
    const first = screen.getByRole('group', { name: 'Rule 1' });
    expect(within(first).getByLabelText('Send to')).not.toHaveAttribute('aria-invalid');
    expect(within(first).getByRole('group', { name: 'Device' })).toHaveAccessibleDescription(
      'not a device',
    );
    expect(screen.getByLabelText('Weight of variant 2')).toHaveAccessibleDescription(
      /must be at least 1/,
    );
    expect(screen.getByLabelText('Weight of variant 1')).not.toHaveAttribute('aria-invalid');
    // Every message sits at its input: no general alert.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reorders and removes rules of an edited link, sending the new order', async () => {
    const onSubmit = vi.fn();
    render(
      <LinkForm
        original={routed}
        submitLabel="Save"
        pending={false}
        error={null}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByText('go.example.com')).toBeVisible(); // the domain, read-only
    expect(screen.queryByLabelText('Domain')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    expect(
      within(screen.getByRole('group', { name: 'Rule 1' })).getByLabelText('Countries'),
    ).toHaveValue('DE, AT');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith({
      rules: [
        { if: { country: ['DE', 'AT'] }, target: 'https://example.com/dach' },
        { if: { device: ['mobile'] }, target: 'https://example.com/m' },
      ],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove the split' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith({
      rules: [{ if: { device: ['mobile'] }, target: 'https://example.com/m' }],
      variants: null,
    });
  });

  it('offers a domain picker only when there is a choice, the default first', async () => {
    const onSubmit = renderCreateForm(null, ['f.example', 'go.example.com']);
    const picker = screen.getByLabelText('Domain');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['f.example (default)', 'go.example.com']);
    await userEvent.selectOptions(picker, 'go.example.com');
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/x');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(onSubmit).toHaveBeenCalledWith({
      target: 'https://example.com/x',
      redirect_status: 302,
      domain: 'go.example.com',
    });
  });

  it('has no domain picker with one domain (or none known)', () => {
    renderCreateForm(null, ['f.example']);
    expect(screen.queryByLabelText('Domain')).toBeNull();
  });
});
