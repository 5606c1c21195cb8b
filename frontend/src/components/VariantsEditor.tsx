import {
  emptyVariant,
  errorAt,
  formatShare,
  MAX_VARIANTS,
  MIN_VARIANTS,
  variantShares,
  type RoutingErrors,
  type VariantValues,
} from '../lib/routing';
import { Field } from './Field';

/** A weighted A/B split of a link: 2–10 targets, each with an integer weight and its share. */
export function VariantsEditor({
  variants,
  onChange,
  errors,
}: {
  variants: VariantValues[];
  onChange: (variants: VariantValues[]) => void;
  errors: RoutingErrors;
}) {
  const shares = variantShares(variants);
  const set = (i: number, changed: Partial<VariantValues>) =>
    onChange(variants.map((v, j) => (j === i ? { ...v, ...changed } : v)));
  const listError = errors.variants;
  return (
    <fieldset className="variants-editor">
      <legend>A/B split</legend>
      <p className="hint">
        Visitors no rule matched are split by weight between these targets (each visitor keeps
        theirs). Without a split they go to the link’s target.
      </p>
      {listError ? <p className="field-error">{listError}</p> : null}
      {variants.length === 0 ? (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([emptyVariant(), emptyVariant()])}
        >
          Split between targets
        </button>
      ) : (
        <>
          <ol className="variant-list">
            {variants.map((variant, i) => (
              <li key={variant.key} className="variant" data-testid={`variant-${i}`}>
                <Field
                  label={`URL of variant ${i + 1}`}
                  type="url"
                  inputMode="url"
                  placeholder="https://example.com/b"
                  value={variant.target}
                  onChange={(e) => set(i, { target: e.target.value })}
                  error={errorAt(errors, `variants.${i}.target`)}
                />
                <Field
                  label={`Weight of variant ${i + 1}`}
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  value={variant.weight}
                  onChange={(e) => set(i, { weight: e.target.value })}
                  error={errorAt(errors, `variants.${i}.weight`) ?? errors[`variants.${i}`]}
                  hint={
                    <output data-testid={`variant-share-${i}`}>
                      {formatShare(shares[i] ?? 0)} of visitors
                    </output>
                  }
                />
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove variant ${i + 1}`}
                  disabled={variants.length <= MIN_VARIANTS}
                  onClick={() => onChange(variants.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={variants.length >= MAX_VARIANTS}
              onClick={() => onChange([...variants, emptyVariant()])}
            >
              Add a variant
            </button>
            <button type="button" className="secondary" onClick={() => onChange([])}>
              Remove the split
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
