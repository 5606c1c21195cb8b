import { describe, expect, it } from 'vitest';
import type { Link } from '../api/types';
import { localInputToIso } from './dates';
import {
  EMPTY_LINK_FORM,
  linkToForm,
  toLinkInput,
  validateLinkForm,
  validateRouting,
} from './linkForm';
import { emptyRule, emptyVariant } from './routing';
import { withScheme } from './formErrors';
import { aLink } from '../test/fixtures';

const now = new Date('2026-06-01T12:00:00Z');

const link: Link = aLink({
  id: 'l1',
  code: 'promo',
  short_url: 'https://f.example/promo',
  target: 'https://example.com/a',
  title: 'Promo',
  tags: ['a', 'b'],
  expires_at: null,
  max_clicks: 5,
  has_password: true,
  redirect_status: 302,
  disabled: false,
});

describe('link form', () => {
  it('asks for an http(s) target', () => {
    expect(validateLinkForm(EMPTY_LINK_FORM, now).target).toMatch(/Paste/);
    expect(
      validateLinkForm({ ...EMPTY_LINK_FORM, target: 'javascript:alert(1)' }, now).target,
    ).toMatch(/http/);
    expect(validateLinkForm({ ...EMPTY_LINK_FORM, target: 'https://ok.example' }, now)).toEqual({});
  });

  it('checks alias, expiry, max clicks, password and tags', () => {
    const errors = validateLinkForm(
      {
        ...EMPTY_LINK_FORM,
        target: 'https://ok.example',
        alias: 'a b',
        expires_at: '2020-01-01T10:00',
        max_clicks: '0',
        password: 'abc',
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
      },
      now,
    );
    expect(Object.keys(errors).sort()).toEqual([
      'alias',
      'expires_at',
      'max_clicks',
      'password',
      'tags',
    ]);
  });

  it('builds a create body with only what is set', () => {
    expect(
      toLinkInput({
        ...EMPTY_LINK_FORM,
        target: ' https://ok.example ',
        tags: 'x, y, x',
        max_clicks: '3',
      }),
    ).toEqual({
      target: 'https://ok.example',
      redirect_status: 302,
      tags: ['x', 'y'],
      max_clicks: 3,
    });
  });

  it('builds a patch of the changed fields only, null clearing a value', () => {
    const form = linkToForm(link);
    expect(toLinkInput(form, link)).toEqual({});
    expect(
      toLinkInput(
        {
          ...form,
          target: 'https://example.com/b',
          title: '',
          max_clicks: '',
          redirect_status: '308',
        },
        link,
      ),
    ).toEqual({
      target: 'https://example.com/b',
      title: null,
      max_clicks: null,
      redirect_status: 308,
    });
    expect(toLinkInput({ ...form, remove_password: true }, link)).toEqual({ password: null });
    expect(toLinkInput({ ...form, password: 'new-secret' }, link)).toEqual({
      password: 'new-secret',
    });
  });

  it('sends the alias when editing only if it changed, and checks it', () => {
    const form = linkToForm(link);
    expect(form.alias).toBe('promo');
    expect(validateLinkForm({ ...form, expires_at: '' }, now)).toEqual({});
    expect(toLinkInput(form, link)).toEqual({});
    expect(toLinkInput({ ...form, alias: 'other-name' }, link)).toEqual({ alias: 'other-name' });
    expect(validateLinkForm({ ...form, expires_at: '', alias: 'no way' }, now).alias).toBeTruthy();
    expect(validateLinkForm({ ...form, expires_at: '', alias: '' }, now).alias).toBeTruthy();
  });

  it('puts the domain, rules, split and schedule in a create body', () => {
    const input = toLinkInput({
      ...EMPTY_LINK_FORM,
      target: 'https://ok.example/all',
      domain: 'go.example.com',
      rules: [{ ...emptyRule(), os: ['ios'], target: 'https://ok.example/ios' }],
      variants: [
        { ...emptyVariant('1'), target: 'https://ok.example/a' },
        { ...emptyVariant('4'), target: 'https://ok.example/b' },
      ],
      forward_query: true,
      valid_from: '2026-07-01T09:00',
      expired_redirect: ' https://ok.example/over ',
    });
    expect(input).toEqual({
      target: 'https://ok.example/all',
      redirect_status: 302,
      domain: 'go.example.com',
      rules: [{ if: { os: ['ios'] }, target: 'https://ok.example/ios' }],
      variants: [
        { target: 'https://ok.example/a', weight: 1 },
        { target: 'https://ok.example/b', weight: 4 },
      ],
      forward_query: true,
      valid_from: localInputToIso('2026-07-01T09:00'),
      expired_redirect: 'https://ok.example/over',
    });
    // The default domain is left to the API; nothing routing-related is sent when unset.
    expect(toLinkInput({ ...EMPTY_LINK_FORM, target: 'https://ok.example' })).toEqual({
      target: 'https://ok.example',
      redirect_status: 302,
    });
  });

  it('patches rules and the split only when they changed; no split is null', () => {
    const routed = aLink({
      rules: [{ if: { language: ['de'] }, target: 'https://example.com/de' }],
      variants: [
        { target: 'https://example.com/a', weight: 1 },
        { target: 'https://example.com/b', weight: 1 },
      ],
      forward_query: true,
      expired_redirect: 'https://example.com/over',
    });
    const form = linkToForm(routed);
    expect(toLinkInput(form, routed)).toEqual({});
    const [first] = form.rules;
    if (!first) throw new Error('the rule was not read');
    expect(
      toLinkInput(
        {
          ...form,
          rules: [{ ...first, language: 'de, fr' }],
          variants: [],
          forward_query: false,
          expired_redirect: '',
        },
        routed,
      ),
    ).toEqual({
      rules: [{ if: { language: ['de', 'fr'] }, target: 'https://example.com/de' }],
      variants: null,
      forward_query: false,
      expired_redirect: null,
    });
    expect(toLinkInput({ ...form, rules: [] }, routed)).toEqual({ rules: [] });
  });

  it('checks the schedule, the expired redirect and the routing', () => {
    const errors = validateLinkForm(
      { ...EMPTY_LINK_FORM, target: 'https://ok.example', expired_redirect: 'nope' },
      now,
    );
    expect(errors).toEqual({ expired_redirect: 'Use a full http:// or https:// URL.' });
    expect(
      validateRouting({
        ...EMPTY_LINK_FORM,
        rules: [{ ...emptyRule(), target: 'https://ok.example' }],
        variants: [{ ...emptyVariant(), target: 'https://ok.example' }],
      }),
    ).toEqual({
      'rules.0.if': 'Set at least one condition.',
      variants: 'A split needs 2–10 targets.',
    });
  });
});

describe('withScheme', () => {
  it.each([
    ['example.com', 'https://example.com'],
    ['  example.com/a?b=c#d ', 'https://example.com/a?b=c#d'],
    ['//cdn.example.net/x', 'https://cdn.example.net/x'],
    ['localhost:8080/x', 'localhost:8080/x'], // no dot: not a public host, left for the error
    ['http://example.com', 'http://example.com'],
    ['ftp://example.com', 'ftp://example.com'],
    ['not a url', 'not a url'],
    ['', ''],
  ])('%s → %s', (typed, expected) => {
    expect(withScheme(typed)).toBe(expected);
  });
});
