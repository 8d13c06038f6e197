import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/use-t.js';
import { pinInputProblem } from '../../../core/pin/input-problem.js';
import { PinField } from './pin-field.js';

/**
 * The one-PIN form the device and helpdesk screens open with: the user PIN (it may
 * be left empty: those screens do what they can without a login) and one button.
 * The field is emptied the moment the PIN is handed on, so it never lingers in the page.
 */
export function UserPinForm(props: {
  id: string;
  lead: string;
  buttonLabel: string;
  running: boolean;
  onSubmit: (userPin: string | undefined) => void;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  // The same rule as STEP4's: a PIN that cannot be right is refused here, not spent as a wrong try.
  const problem = pinInputProblem('user', pin);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    const userPin = pin;
    setPin('');
    props.onSubmit(userPin || undefined);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <p className="lead">{props.lead}</p>
      <PinField id={props.id} label={t('step4Field')} value={pin} onChange={setPin} problem={problem} />
      <div className="actions">
        <button type="submit" className="primary" disabled={props.running || problem !== undefined}>
          {props.buttonLabel}
        </button>
      </div>
    </form>
  );
}
