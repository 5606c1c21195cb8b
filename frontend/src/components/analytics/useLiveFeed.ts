import { useEffect, useState } from 'react';

/** One click of a live feed: the `data` of an SSE `click` event (the API's `LiveClick`). */
export interface LiveClick {
  id: string;
  time: string;
  code: string;
  link_id: string;
  country: string;
  device: string;
  browser: string;
  os: string;
  referrer: string;
  bot: boolean;
}

/** What the hook needs of an `EventSource` (a test passes a fake). */
export interface EventSourceLike {
  addEventListener(type: 'click', listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}
export type ConnectLive = (url: string) => EventSourceLike;

/** The browser's own: it reconnects by itself and sends `Last-Event-ID`, so nothing is lost. */
export const browserEventSource: ConnectLive = (url) => new EventSource(url);

export type LiveStatus = 'off' | 'connecting' | 'open' | 'reconnecting' | 'unsupported';

export const LIVE_KEEP = 20;

function isLiveClick(value: unknown): value is LiveClick {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { time?: unknown }).time === 'string'
  );
}

interface FeedState {
  /** The feed these belong to: a new `url` starts from nothing. */
  url: string | null;
  status: LiveStatus;
  clicks: LiveClick[];
  count: number;
}

const fresh = (url: string | null): FeedState => ({
  url,
  status: 'connecting',
  clicks: [],
  count: 0,
});

/**
 * Follows the feed at `url` while it is set (`null`: not following): how many clicks arrived
 * since it started and the latest ones, newest first. A click seen twice (a reconnect) counts
 * once.
 */
export function useLiveFeed(
  url: string | null,
  connect: ConnectLive = browserEventSource,
): Omit<FeedState, 'url'> {
  const [state, setState] = useState<FeedState>(() => fresh(null));
  const unsupported = connect === browserEventSource && typeof EventSource === 'undefined';
  useEffect(() => {
    if (!url || unsupported) return;
    const of = (s: FeedState) => (s.url === url ? s : fresh(url));
    const seen = new Set<string>();
    const source = connect(url);
    source.onopen = () => setState((s) => ({ ...of(s), status: 'open' }));
    // The browser's EventSource retries by itself (with `Last-Event-ID`).
    source.onerror = () => setState((s) => ({ ...of(s), status: 'reconnecting' }));
    source.addEventListener('click', (event) => {
      let click: unknown;
      try {
        click = JSON.parse(event.data);
      } catch {
        return; // not a click: nothing to show
      }
      if (!isLiveClick(click) || seen.has(click.id)) return;
      seen.add(click.id);
      setState((s) => {
        const now = of(s);
        return { ...now, count: now.count + 1, clicks: [click, ...now.clicks].slice(0, LIVE_KEEP) };
      });
    });
    return () => source.close();
  }, [url, connect, unsupported]);
  if (!url) return { status: 'off', clicks: [], count: 0 };
  if (unsupported) return { status: 'unsupported', clicks: [], count: 0 };
  return state.url === url ? state : fresh(url);
}
