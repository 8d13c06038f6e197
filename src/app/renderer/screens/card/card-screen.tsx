import { useState, type FormEvent } from 'react';
import type { CardComparisonView, CardView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { refusedOnFinalTry } from '../../components/final-try.js';
import { useFinalTryQuestion } from '../../components/final-try-question.js';
import { MessageBox } from '../../components/message-box.js';
import { pinInputProblem } from '../../../../core/pin/input-problem.js';
import { PinField } from '../../components/pin-field.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { CardComparison } from './card-comparison.js';
import { CardDetails } from './card-details.js';

type Which = CardView['which'];

/**
 * Flow D: read the card in use, then (for a card update) swap in the new card and
 * read it with its own PIN; both are shown side by side.
 */
export function CardScreen() {
  const t = useT();
  const [pin, setPin] = useState('');
  const [which, setWhich] = useState<Which>('current');
  const [cards, setCards] = useState<Partial<Record<Which, CardView>>>({});
  const read = useCall<CardView>();
  const compare = useCall<CardComparisonView>();

  const finalTry = useFinalTryQuestion<string>('card');
  const problem = pinInputProblem('card', pin);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    const cardPin = pin;
    setPin('');
    void readWith(cardPin, false);
  };

  const readWith = async (cardPin: string, confirmFinalTry: boolean) => {
    const api = requireApi();
    const reply = await api.readCard({ which, pin: cardPin, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) });
    finalTry.keep(!reply.ok && !confirmFinalTry && refusedOnFinalTry(reply.error) ? cardPin : undefined);
    await read.run(async () => reply);
    if (!reply.ok) return;
    const next = { ...cards, [which]: reply.value };
    setCards(next);
    if (which === 'current') setWhich('new');
    if (next.current && next.new) await compare.run(() => api.compareCards({}));
  };

  return (
    <section className="screen" aria-labelledby="card-heading">
      <h2 id="card-heading">{t('cardTitle')}</h2>
      {finalTry.question(
        (cardPin) => void readWith(cardPin, true),
        () => read.reset(),
      )}
      <form onSubmit={submit} className="inline-form">
        <p className="lead">{t('cardLead')}</p>
        <p>{t('cardCompareLead')}</p>
        {cards.current && !cards.new ? <p className="note">{t('cardSwap')}</p> : null}
        <PinField id="card-pin" label={t('cardPin')} value={pin} onChange={setPin} inputMode="numeric" problem={problem} />
        <div className="actions">
          <button type="submit" className="primary" disabled={read.running || problem !== undefined}>
            {which === 'current' ? t('cardReadOld') : t('cardReadNew')}
          </button>
          {cards.current ? (
            <button type="button" className="secondary" onClick={() => setWhich(which === 'current' ? 'new' : 'current')}>
              {which === 'current' ? t('cardReadNew') : t('cardReadOld')}
            </button>
          ) : null}
        </div>
      </form>
      {read.running || compare.running ? <Busy text={t('cardBusy')} /> : null}
      {read.error && finalTry.kept === undefined ? <MessageBox message={read.error} /> : null}
      {compare.error ? <MessageBox message={compare.error} /> : null}
      {compare.value ? (
        <CardComparison comparison={compare.value} />
      ) : (
        <>
          {cards.current ? <CardDetails card={cards.current} title={t('cardOld')} /> : null}
          {cards.new ? <CardDetails card={cards.new} title={t('cardNew')} /> : null}
        </>
      )}
    </section>
  );
}
