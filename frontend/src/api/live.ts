// The live feeds (Server-Sent Events): a link's or a workspace's clicks as the click worker counts
// them. EventSource sends the session cookie (same origin) and reconnects by itself with
// Last-Event-ID, so a network blip loses nothing; only a refused feed (503 live-capacity, 4xx)
// closes it, and the hook then opens a new one after RETRY_MS (events of that gap are not replayed).
import { useEffect, useState } from 'react';
import type { components, paths } from './schema';

export type LiveClick = components['schemas']['LiveClick'];
export type LiveFeedKind = 'link' | 'workspace';

// Only paths the API has: a renamed or removed feed stops compiling.
const FEEDS = {
  link: '/api/v1/links/{id}/live',
  workspace: '/api/v1/workspaces/{id}/live',
} as const satisfies Record<LiveFeedKind, keyof paths>;

export const RETRY_MS = 5000;
const KEEP = 50;

export function liveUrl(kind: LiveFeedKind, id: string): string {
  return FEEDS[kind].replace('{id}', encodeURIComponent(id));
}

/** The data of one `click` event, or null when it is not one (a proxy's page, a new field type). */
export function parseClick(data: string): LiveClick | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as LiveClick).id === 'string' &&
      typeof (value as LiveClick).link_id === 'string'
    ) {
      return value as LiveClick;
    }
  } catch {
    // not JSON: ignored
  }
  return null;
}

export interface LiveState {
  /** The newest clicks first (at most `keep`). */
  clicks: LiveClick[];
  /** Clicks received since the feed was opened. */
  count: number;
  /** Whether the stream is open right now. */
  open: boolean;
}

export function useLiveClicks(
  kind: LiveFeedKind,
  id: string | undefined,
  keep: number = KEEP,
): LiveState {
  const [state, setState] = useState<LiveState>({ clicks: [], count: 0, open: false });

  useEffect(() => {
    if (!id) return undefined;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const seen = new Set<string>();

    const connect = (): void => {
      source = new EventSource(liveUrl(kind, id));
      source.onopen = () => setState((s) => ({ ...s, open: true }));
      source.addEventListener('click', (event: MessageEvent<string>) => {
        const click = parseClick(event.data);
        if (click === null || seen.has(click.id)) return; // a batch counted twice comes twice
        seen.add(click.id);
        setState((s) => ({
          clicks: [click, ...s.clicks].slice(0, keep),
          count: s.count + 1,
          open: true,
        }));
      });
      source.onerror = () => {
        setState((s) => ({ ...s, open: false }));
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(connect, RETRY_MS);
        }
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [kind, id, keep]);

  return state;
}
