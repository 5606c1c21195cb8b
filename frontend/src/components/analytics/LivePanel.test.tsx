import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LivePanel } from './LivePanel';
import type { EventSourceLike, LiveClick } from './useLiveFeed';

/** A stand-in for the browser's EventSource: the test opens it and sends events. */
class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners: ((event: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(_type: 'click', listener: (event: MessageEvent<string>) => void) {
    this.listeners.push(listener);
  }
  close() {
    this.closed = true;
  }
  open() {
    act(() => this.onopen?.(new Event('open')));
  }
  fail() {
    act(() => this.onerror?.(new Event('error')));
  }
  send(data: string) {
    act(() => {
      for (const l of this.listeners) l(new MessageEvent('click', { data }));
    });
  }
}
const connect = (url: string) => new FakeEventSource(url);

function aClick(id: string, fields: Partial<LiveClick> = {}): LiveClick {
  return {
    id,
    time: '2026-12-07T22:00:00.000Z',
    code: 'promo',
    link_id: 'id-promo',
    country: 'DE',
    device: 'mobile',
    browser: 'Firefox',
    os: 'Android',
    referrer: 'news.example',
    bot: false,
    ...fields,
  };
}

describe('live panel', () => {
  it('opens the feed on request, counts each click once and lists the newest first', async () => {
    FakeEventSource.opened = [];
    const user = userEvent.setup();
    render(<LivePanel url="/api/v1/links/id-promo/live" connect={connect} />);
    expect(FakeEventSource.opened).toHaveLength(0); // nothing held until asked
    await user.click(screen.getByRole('button', { name: 'Watch live' }));
    const source = FakeEventSource.opened[0];
    if (!source) throw new Error('no feed opened');
    expect(source.url).toBe('/api/v1/links/id-promo/live');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    source.open();
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    source.send(JSON.stringify(aClick('1-0')));
    source.send(JSON.stringify(aClick('1-1', { country: 'FR', referrer: '' })));
    source.send(JSON.stringify(aClick('1-0'))); // again after a reconnect: not a new click
    source.send('not json');
    expect(screen.getByTestId('live-count')).toHaveTextContent('2');
    const items = within(screen.getByRole('list', { name: 'Latest clicks' })).getAllByRole(
      'listitem',
    );
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('FR · Mobile · Firefox · Android · no referrer'),
      expect.stringContaining('DE · Mobile · Firefox · Android · from news.example'),
    ]);
    source.fail();
    expect(screen.getByRole('status')).toHaveTextContent('reconnecting');
    await user.click(screen.getByRole('button', { name: 'Stop live view' }));
    expect(source.closed).toBe(true);
    expect(screen.queryByTestId('live-count')).toBeNull();
  });
});
