import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveClick } from '../../api/live';
import { LivePanel } from './LivePanel';

// A stand-in for the browser's EventSource (jsdom has none): the test opens it and sends events.
class FakeSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeSource[] = [];
  readyState = FakeSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners: ((event: MessageEvent<string>) => void)[] = [];

  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    if (type === 'click') this.listeners.push(listener);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeSource.CLOSED;
  }

  open(): void {
    act(() => {
      this.readyState = FakeSource.OPEN;
      this.onopen?.();
    });
  }

  send(click: LiveClick): void {
    act(() => {
      for (const listener of this.listeners)
        listener(new MessageEvent('click', { data: JSON.stringify(click) }));
    });
  }
}

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
    FakeSource.made = [];
    vi.stubGlobal('EventSource', FakeSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the feed only on request, counts each click once and lists the newest first', async () => {
    const user = userEvent.setup();
    render(<LivePanel kind="link" id="id-promo" />);
    expect(FakeSource.made).toHaveLength(0); // nothing held until asked
    await user.click(screen.getByRole('button', { name: 'Watch live' }));
    const source = FakeSource.made[0];
    if (!source) throw new Error('no feed opened');
    expect(source.url).toBe('/api/v1/links/id-promo/live');
    source.open();
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    source.send(aClick('1-0'));
    source.send(aClick('2-0', { country: 'FR', referrer: '' }));
    source.send(aClick('2-0', { country: 'FR', referrer: '' })); // the same click again
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
    const source = FakeSource.made[0];
    if (!source) throw new Error('no feed opened');
    expect(source.url).toBe('/api/v1/workspaces/ws-team/live');
    source.send(aClick('1-0', { code: 'spring-sale' }));
    expect(screen.getByRole('list', { name: 'Latest clicks' })).toHaveTextContent('spring-sale');
  });
});
