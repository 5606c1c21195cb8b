import { useState } from 'react';
import { useLiveClicks, type LiveFeedKind } from '../../api/live';
import { deviceLabel, osLabel } from '../../lib/labels';

/**
 * Clicks as they happen, while the user follows them. A feed holds a connection of the live
 * process (see docs/operations.md), so it is opened on request, not with every page.
 */
export function LivePanel({
  kind,
  id,
  title = 'Live clicks',
}: {
  kind: LiveFeedKind;
  id: string;
  title?: string;
}) {
  const [following, setFollowing] = useState(false);
  const live = useLiveClicks(kind, following ? id : undefined);
  const status = !following ? '' : live.open ? 'Live' : 'Connecting…';
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
          {status}
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
                kind === 'workspace' ? c.code : '',
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
