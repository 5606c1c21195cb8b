import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveClick } from '../../api/live';
import { FakeEventSource } from '../../test/fakeEventSource';
import { LivePanel } from './LivePanel';

function aClick(id: string, fields: Partial<LiveClick> = {}): LiveClick {
  return {
    id,
    time: '2026-12-07T22:00:00.000Z',
    link_id: 'id-promo',
    code: 'promo',
    country: 'DE',
    device: 'mobile',
    browser: 'Firefox',
    os: 'android',
    referrer: 'news.example.org',
    bot: false,
    ...fields,
  };
}

describe('the live panel', () => {
  beforeEach(() => {
    FakeEventSource.made = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the feed only on request, counts each click once and lists the newest first', async () => {
    const user = userEvent.setup();
    render(<LivePanel kind="link" id="id-promo" />);
    expect(FakeEventSource.made).toHaveLength(0); // nothing held until asked
    await user.click(screen.getByRole('button', { name: 'Watch live' }));
    const source = FakeEventSource.made[0];
    if (!source) throw new Error('no feed opened');
    expect(source.url).toBe('/api/v1/links/id-promo/live');
    act(() => source.open());
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    act(() => source.send(JSON.stringify(aClick('1-0'))));
    act(() => source.send(JSON.stringify(aClick('2-0', { country: 'FR', referrer: '' }))));
    act(() => source.send(JSON.stringify(aClick('2-0', { country: 'FR', referrer: '' })))); // the same click again
    expect(screen.getByTestId('live-count')).toHaveTextContent('2');
    const items = within(screen.getByRole('list', { name: 'Latest clicks' })).getAllByRole(
      'listitem',
    );
    expect(items[0]).toHaveTextContent('FR');
    expect(items[0]).toHaveTextContent('no referrer');
    expect(items[1]).toHaveTextContent('from news.example.org');
    await user.click(screen.getByRole('button', { name: 'Stop live view' }));
    expect(source.closed).toBe(true);
    expect(screen.queryByTestId('live-count')).toBeNull();
  });

  it("follows a workspace's feed and names each click's link", async () => {
    const user = userEvent.setup();
    render(<LivePanel kind="workspace" id="ws-team" title="Live clicks of the workspace" />);
    await user.click(screen.getByRole('button', { name: 'Watch live' }));
    const source = FakeEventSource.made[0];
    if (!source) throw new Error('no feed opened');
    expect(source.url).toBe('/api/v1/workspaces/ws-team/live');
    act(() => source.send(JSON.stringify(aClick('1-0', { code: 'spring-sale' }))));
    expect(screen.getByRole('list', { name: 'Latest clicks' })).toHaveTextContent('spring-sale');
  });
});
