import { describe, expect, it } from 'vitest';
import { readUtm, withUtm } from './utm';

describe('UTM builder', () => {
  it('adds the filled parameters and keeps the rest of the URL', () => {
    expect(
      withUtm('https://example.com/p?x=1#top', { source: 'news', medium: ' email ', term: '' }),
    ).toBe('https://example.com/p?x=1&utm_source=news&utm_medium=email#top');
  });

  it('replaces parameters already present and encodes values', () => {
    expect(withUtm('https://e.com/?utm_source=old', { source: 'new one', campaign: 'a&b' })).toBe(
      'https://e.com/?utm_source=new+one&utm_campaign=a%26b',
    );
  });

  it('leaves the target alone when nothing is filled or it is not a URL', () => {
    expect(withUtm('https://e.com/', {})).toBe('https://e.com/');
    expect(withUtm('not a url', { source: 'x' })).toBe('not a url');
  });

  it('reads parameters back', () => {
    expect(readUtm('https://e.com/?utm_source=a&utm_content=b&other=c')).toEqual({
      source: 'a',
      content: 'b',
    });
    expect(readUtm('nope')).toEqual({});
  });
});
