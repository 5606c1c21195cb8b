import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/fakeEventSource';
import { RETRY_MS, liveUrl, parseClick, useLiveClicks, type LiveClick } from './live';

function made(index: number): FakeEventSource {
  const source = FakeEventSource.made[index];
  if (source === undefined) throw new Error(`no EventSource #${index}`);
  return source;
}

function aClick(id: string): LiveClick {
  return {
    id,
    time: '2026-12-07T22:00:00.000Z',
    link_id: 'l1',
    code: 'abc',
    country: 'DE',
    device: 'desktop',
    browser: 'Chrome',
    os: 'Windows',
    referrer: 'news.example.org',
    bot: false,
  };
}

describe('live feed URLs and events', () => {
  it('names the API paths', () => {
    expect(liveUrl('link', 'l1')).toBe('/api/v1/links/l1/live');
    expect(liveUrl('workspace', 'w/1')).toBe('/api/v1/workspaces/w%2F1/live');
  });

  it('parses a click and refuses anything else', () => {
    expect(parseClick(JSON.stringify(aClick('1-0')))?.code).toBe('abc');
    expect(parseClick('<html>')).toBeNull();
    expect(parseClick('{"id": 1}')).toBeNull();
  });
});

describe('useLiveClicks', () => {
  beforeEach(() => {
    FakeEventSource.made = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('counts clicks newest first, once each, and closes on unmount', () => {
    const { result, unmount } = renderHook(() => useLiveClicks('link', 'l1', 2));
    const source = made(0);
    expect(source.url).toBe('/api/v1/links/l1/live');
    act(() => source.open());
    expect(result.current.open).toBe(true);
    act(() => {
      source.send(JSON.stringify(aClick('1-0')));
      source.send(JSON.stringify(aClick('2-0')));
      source.send(JSON.stringify(aClick('2-0'))); // the same click again
      source.send(JSON.stringify(aClick('3-0')));
    });
    expect(result.current.count).toBe(3);
    expect(result.current.clicks.map((c) => c.id)).toEqual(['3-0', '2-0']);
    unmount();
    expect(source.closed).toBe(true);
  });

  it('opens a new feed after a refused one', () => {
    const { result } = renderHook(() => useLiveClicks('workspace', 'w1'));
    act(() => {
      made(0).fail();
    });
    expect(result.current.open).toBe(false);
    expect(FakeEventSource.made).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(RETRY_MS);
    });
    expect(FakeEventSource.made).toHaveLength(2);
    expect(made(1).url).toBe('/api/v1/workspaces/w1/live');
  });

  it('opens nothing without an id', () => {
    renderHook(() => useLiveClicks('link', undefined));
    expect(FakeEventSource.made).toHaveLength(0);
  });
});
