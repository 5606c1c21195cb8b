import type { Rule, RuleClicks, VariantClicks } from '../../api/types';
import { describeRule } from '../../lib/routing';
import { RowName, type OnFilter } from './Breakdowns';

const percent = (part: number, whole: number) =>
  whole ? `${Math.round((100 * part) / whole)} %` : '—';

/** Clicks per redirect rule (by its position in the link's rules) and per variant of the split. */
export function RoutingTables({
  rules,
  ruleClicks,
  variantClicks,
  total,
  onFilter,
}: {
  rules: readonly Rule[];
  ruleClicks: readonly RuleClicks[];
  variantClicks: readonly VariantClicks[];
  total: number;
  /** With it, a row filters the view by its rule or variant. */
  onFilter?: OnFilter;
}) {
  if (ruleClicks.length === 0 && variantClicks.length === 0) return null;
  return (
    <div className="breakdowns">
      {ruleClicks.length ? (
        <div className="breakdown">
          <table>
            <caption>Clicks per rule</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Sends to</th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {ruleClicks.map((row) => {
                const rule = rules[row.index];
                return (
                  <tr key={row.index}>
                    <th scope="row">
                      <RowName
                        name={`Rule ${row.index + 1}`}
                        title="Rule"
                        onFilter={
                          onFilter && ((negate) => onFilter('rule', [String(row.index)], negate))
                        }
                      />
                      {rule ? <span className="hint"> ({describeRule(rule)})</span> : null}
                    </th>
                    <td className="break">{rule?.target ?? '—'}</td>
                    <td className="num">{row.clicks}</td>
                    <td className="num">{percent(row.clicks, total)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {variantClicks.length ? (
        <div className="breakdown">
          <table>
            <caption>Clicks per variant</caption>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col">Target</th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {variantClicks.map((row) => (
                <tr key={row.index}>
                  <th scope="row">
                    <RowName
                      name={`Variant ${row.index + 1}`}
                      title="Variant"
                      onFilter={
                        onFilter && ((negate) => onFilter('variant', [String(row.index)], negate))
                      }
                    />
                  </th>
                  <td className="break">{row.target}</td>
                  <td className="num">{row.clicks}</td>
                  <td className="num">{percent(row.clicks, total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
