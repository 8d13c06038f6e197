import { useState, type KeyboardEvent } from 'react';
import { messageFor, type MessageParams } from '../../../core/messages/message-for.js';
import { useT } from '../i18n/use-t.js';
import { useUi } from '../store/ui-store.js';

export interface PinFieldProps {
  id: string;
  label: string;
  value: string;
  /** Gets exactly what was typed: a PIN field never cuts or changes it (a refusal is shown via `problem`). */
  onChange(value: string): void;
  /** Told on every key whether Caps Lock is on (the browser knows only while a key is pressed). */
  onCapsLock?(on: boolean): void;
  hint?: string;
  /** Ids of texts that describe the field (rules, warnings), read out with it. */
  describedBy?: string | undefined;
  inputMode?: 'numeric' | 'text';
  autoFocus?: boolean;
  invalid?: boolean;
  /** What is wrong with the content as typed (core/pin's pinInputProblem): shown under the field, in the catalogue's words. */
  problem?: { code: string; params: MessageParams } | undefined;
}

/**
 * A masked PIN field with a show/hide switch. Never autocompleted, never spell-
 * checked (a spell checker would send the text elsewhere), never stored.
 */
export function PinField({ id, label, value, onChange, onCapsLock, hint, describedBy, inputMode = 'text', autoFocus, invalid, problem }: PinFieldProps) {
  const t = useT();
  const language = useUi((state) => state.language);
  const [shown, setShown] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const problemId = problem ? `${id}-problem` : undefined;
  const described = [hintId, describedBy, problemId].filter(Boolean).join(' ') || undefined;
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
          aria-invalid={invalid || problem !== undefined || undefined}
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
      {problem ? (
        <p id={problemId} className="field-error" role="alert">
          {messageFor(problem.code, problem.params).text[language]}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
