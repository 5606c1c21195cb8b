import { useState } from 'react';
import { deviceLabel, osLabel } from '../../lib/labels';
import { browserEventSource, useLiveFeed, type ConnectLive, type LiveStatus } from './useLiveFeed';

const STATUS: Record<LiveStatus, string> = {
  off: '',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  unsupported: 'This browser cannot follow live clicks.',
};

/**
 * Clicks as they happen, while the user follows them (a feed holds a connection of the live
 * server, so it is opened on request, not with every page).
 */
export function LivePanel({
  url,
  title = 'Live clicks',
  connect = browserEventSource,
}: {
  url: string;
  title?: string;
  connect?: ConnectLive;
}) {
  const [following, setFollowing] = useState(false);
  const live = useLiveFeed(following ? url : null, connect);
  return (
    <section className="live" aria-label={title}>
      <div className="live-head">
        <button
          type="button"
          className="secondary"
          aria-pressed={following}
          onClick={() => setFollowing((f) => !f)}
        >
          {following ? 'Stop live view' : 'Watch live'}
        </button>
        <span role="status" className="hint">
          {STATUS[live.status]}
        </span>
        {following ? (
          <span className="live-count">
            <span data-testid="live-count">{live.count}</span> clicks since you started watching
          </span>
        ) : null}
      </div>
      {following && live.clicks.length ? (
        <ol className="live-feed" aria-label="Latest clicks" aria-live="polite">
          {live.clicks.map((c) => (
            <li key={c.id}>
              <time dateTime={c.time}>{new Date(c.time).toLocaleTimeString()}</time>{' '}
              {[
                c.country || 'unknown country',
                deviceLabel(c.device),
                c.browser,
                osLabel(c.os),
                c.referrer ? `from ${c.referrer}` : 'no referrer',
                c.bot ? 'bot' : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
