import { describe, expect, it } from 'vitest';
import type { Link } from '../api/types';
import { EMPTY_LINK_FORM, linkToForm, toLinkInput, validateLinkForm } from './linkForm';
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
});
