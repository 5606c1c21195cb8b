import { describeFilter, type Filter } from '../../lib/statsView';

/** The view's filters as chips, each removable; nothing when there are none. */
export function FilterChips({
  filters,
  bot,
  onRemove,
  onRemoveBot,
  onClear,
}: {
  filters: readonly Filter[];
  bot: boolean | null;
  onRemove: (filter: Filter) => void;
  onRemoveBot: () => void;
  onClear: () => void;
}) {
  if (filters.length === 0 && bot === null) return null;
  const chips = [
    ...filters.map((f) => ({
      key: `${f.param}=${f.value}`,
      text: describeFilter(f),
      remove: () => onRemove(f),
    })),
    ...(bot === null
      ? []
      : [{ key: 'bot', text: bot ? 'Only bots' : 'Only humans', remove: onRemoveBot }]),
  ];
  return (
    <div className="chips-bar">
      <ul className="chips" aria-label="Filters">
        {chips.map((chip) => (
          <li key={chip.key} className="chip">
            <span>{chip.text}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove filter: ${chip.text}`}
              onClick={chip.remove}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onClear}>
        Clear filters
      </button>
    </div>
  );
}
