import { describe, expect, it } from 'vitest';
import {
  emptyRule,
  emptyVariant,
  errorAt,
  formatShare,
  move,
  parseQueryMatch,
  routingFieldErrors,
  ruleToValues,
  toRule,
  validateRules,
  validateVariants,
  variantShares,
  type RuleValues,
} from './routing';
import { localInputToIso } from './dates';

const rule = (fields: Partial<RuleValues>): RuleValues => ({ ...emptyRule(), ...fields });
const variants = (...weights: string[]) => weights.map((w) => ({ ...emptyVariant(w) }));

describe('rules', () => {
  it('builds the API condition from the inputs, leaving empty ones out', () => {
    expect(
      toRule(
        rule({
          device: ['mobile', 'tablet'],
          language: ' DE, fr ,de',
          country: 'at, ch',
          query: '?utm_source=mail&lang=de',
          after: '2026-12-24T18:00',
          target: ' https://example.com/x ',
        }),
      ),
    ).toEqual({
      if: {
        device: ['mobile', 'tablet'],
        language: ['de', 'fr'],
        country: ['AT', 'CH'],
        query: { utm_source: 'mail', lang: 'de' },
        after: localInputToIso('2026-12-24T18:00'),
      },
      target: 'https://example.com/x',
    });
    expect(toRule(rule({ os: ['ios'], target: 'https://e.example' }))).toEqual({
      if: { os: ['ios'] },
      target: 'https://e.example',
    });
  });

  it('reads a rule of the API back (single values stand for lists of one)', () => {
    const values = ruleToValues({
      if: { device: 'mobile', language: 'de', query: { a: '1', b: 'x y' } },
      target: 'https://example.com/m',
    });
    expect(values).toMatchObject({
      device: ['mobile'],
      language: 'de',
      query: 'a=1&b=x+y',
      target: 'https://example.com/m',
    });
    expect(toRule(values).if).toEqual({
      device: ['mobile'],
      language: ['de'],
      query: { a: '1', b: 'x y' },
    });
  });

  it('parses query matches and refuses empty ones', () => {
    expect(parseQueryMatch('a=1&b=')).toEqual({ a: '1', b: '' });
    expect(parseQueryMatch('  ')).toBeNull();
    expect(parseQueryMatch('=x')).toBeNull();
  });

  it('validates each rule, keyed like the API (`rules.N.…`)', () => {
    const errors = validateRules([
      rule({ language: 'de', target: 'https://ok.example' }),
      rule({ target: 'ftp://x' }),
      rule({
        language: 'de-CH',
        country: 'Germany',
        after: '2026-05-02T10:00',
        before: '2026-05-01T10:00',
        target: '',
      }),
    ]);
    expect(Object.keys(errors).filter((k) => k.startsWith('rules.0'))).toEqual([]);
    expect(errors['rules.1.target']).toMatch(/http/);
    expect(errors['rules.1.if']).toMatch(/at least one condition/);
    expect(errors['rules.2.target']).toMatch(/URL/);
    expect(errors['rules.2.if.language']).toMatch(/subtags/);
    expect(errors['rules.2.if.country']).toMatch(/two-letter/);
    expect(errors['rules.2.if.before']).toMatch(/after/);
  });

  it('allows at most 20 rules', () => {
    const many = Array.from({ length: 21 }, () => rule({ os: ['linux'], target: 'https://a.b' }));
    expect(validateRules(many).rules).toMatch(/20/);
    expect(validateRules(many.slice(1)).rules).toBeUndefined();
  });

  it('moves a rule and keeps the others in order', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });
});

describe('variants', () => {
  it('computes each share from the weights', () => {
    expect(variantShares(variants('1', '3'))).toEqual([25, 75]);
    expect(variantShares(variants('1', '1', '1')).map(formatShare)).toEqual([
      '33 %',
      '33 %',
      '33 %',
    ]);
    expect(variantShares(variants('2', 'x'))).toEqual([100, 0]);
    expect(variantShares(variants('0', ''))).toEqual([0, 0]);
    expect(formatShare(100 / 30)).toBe('3.3 %');
    expect(formatShare(5)).toBe('5 %');
  });

  it('needs 2–10 targets with whole weights from 1', () => {
    expect(validateVariants([])).toEqual({});
    const one = [{ ...emptyVariant(), target: 'https://a.example' }];
    expect(validateVariants(one).variants).toMatch(/2–10/);
    const eleven = Array.from({ length: 11 }, () => ({
      ...emptyVariant(),
      target: 'https://a.example',
    }));
    expect(validateVariants(eleven).variants).toMatch(/2–10/);
    const errors = validateVariants([
      { ...emptyVariant('1.5'), target: 'https://a.example' },
      { ...emptyVariant('0'), target: 'mailto:x@y.z' },
      { ...emptyVariant('2000000'), target: 'https://c.example' },
    ]);
    expect(errors.variants).toBeUndefined();
    expect(errors['variants.0.weight']).toMatch(/whole number/);
    expect(errors['variants.0.target']).toBeUndefined();
    expect(errors['variants.1.weight']).toMatch(/whole number/);
    expect(errors['variants.1.target']).toMatch(/http/);
    expect(errors['variants.2.weight']).toMatch(/1,000,000/);
  });
});

describe('field errors of the API', () => {
  it('picks the rules and variants errors and finds the one for an input', () => {
    const picked = routingFieldErrors({
      target: 'bad',
      'rules.2.target': 'blocked',
      'rules.0.if.language.1': 'not a subtag',
      'variants.0.weight': 'too small',
      rulesx: 'not ours',
    });
    expect(picked).toEqual({
      'rules.2.target': 'blocked',
      'rules.0.if.language.1': 'not a subtag',
      'variants.0.weight': 'too small',
    });
    expect(errorAt(picked, 'rules.0.if.language')).toBe('not a subtag');
    expect(errorAt(picked, 'rules.2.target')).toBe('blocked');
    expect(errorAt(picked, 'rules.1.target')).toBeUndefined();
    // `rules.1` is not a prefix of `rules.10.…`.
    expect(errorAt({ 'rules.10.target': 'x' }, 'rules.1')).toBeUndefined();
  });
});
