import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
}

/** A destructive action asks once more, inline; focus moves to the question and back. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, pending }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="danger" ref={openerRef} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button
        type="button"
        className="danger"
        ref={confirmRef}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setAsking(false);
          requestAnimationFrame(() => openerRef.current?.focus());
        }}
      >
        Cancel
      </button>
    </span>
  );
}
