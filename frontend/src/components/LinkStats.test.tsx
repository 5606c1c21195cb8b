import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoutingTables } from './LinkStats';

describe('per-rule and per-variant clicks', () => {
  it('lists each rule with its target and each variant with its clicks and share', () => {
    render(
      <RoutingTables
        rules={[
          { if: { language: ['de'] }, target: 'https://example.com/de' },
          { if: { device: 'mobile' }, target: 'https://example.com/m' },
        ]}
        ruleClicks={[
          { index: 0, clicks: 5 },
          { index: 1, clicks: 0 },
        ]}
        variantClicks={[
          { index: 0, target: 'https://example.com/a', clicks: 3 },
          { index: 1, target: 'https://example.com/b', clicks: 12 },
        ]}
        total={20}
      />,
    );
    const rules = screen.getByRole('table', { name: 'Clicks per rule' });
    const firstRule = within(rules).getByRole('row', { name: /Rule 1/ });
    expect(firstRule).toHaveTextContent('language de');
    expect(firstRule).toHaveTextContent('https://example.com/de');
    expect(firstRule).toHaveTextContent('25 %');
    expect(within(rules).getByRole('row', { name: /Rule 2/ })).toHaveTextContent('0 %');
    const variants = screen.getByRole('table', { name: 'Clicks per variant' });
    const second = within(variants).getByRole('row', { name: /Variant 2/ });
    expect(second).toHaveTextContent('https://example.com/b');
    expect(second).toHaveTextContent('12');
    expect(second).toHaveTextContent('60 %');
  });

  it('shows nothing for a link without rules or split', () => {
    const { container } = render(
      <RoutingTables rules={[]} ruleClicks={[]} variantClicks={[]} total={4} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
