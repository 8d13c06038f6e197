import { useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/use-t.js';

export interface PinFieldProps {
  id: string;
  label: string;
  value: string;
  /** Gets what was typed; the caller decides what to keep (e.g. refuses a 9th character). */
  onChange(value: string): void;
  /** Told on every key whether Caps Lock is on (the browser knows only while a key is pressed). */
  onCapsLock?(on: boolean): void;
  hint?: string;
  /** Ids of texts that describe the field (rules, warnings), read out with it. */
  describedBy?: string | undefined;
  inputMode?: 'numeric' | 'text';
  autoFocus?: boolean;
  invalid?: boolean;
}

/**
 * A masked PIN field with a show/hide switch. Never autocompleted, never spell-
 * checked (a spell checker would send the text elsewhere), never stored.
 */
export function PinField({ id, label, value, onChange, onCapsLock, hint, describedBy, inputMode = 'text', autoFocus, invalid }: PinFieldProps) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const described = [hintId, describedBy].filter(Boolean).join(' ') || undefined;
  const reportCaps = (event: KeyboardEvent<HTMLInputElement>) => onCapsLock?.(event.getModifierState('CapsLock'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="pin-row">
        <input
          id={id}
          name={id}
          type={shown ? 'text' : 'password'}
          className="pin-input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={reportCaps}
          onKeyUp={reportCaps}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          inputMode={inputMode}
          autoFocus={autoFocus}
          aria-describedby={described}
          aria-invalid={invalid || undefined}
        />
        <button
          type="button"
          className="secondary pin-toggle"
          aria-pressed={shown}
          aria-controls={id}
          aria-label={t('showPin', { field: label })}
          onClick={() => setShown((now) => !now)}
        >
          {shown ? t('hide') : t('show')}
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
