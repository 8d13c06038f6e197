import type { CardView } from '../../../../api/index.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useT } from '../../i18n/use-t.js';
import { CARD_ROWS } from './card-rows.js';

/** One card's certificate, as the e-bidding registration screen lists it. */
export function CardDetails({ card, title }: { card: CardView; title: string }) {
  const t = useT();
  return (
    <div className="result" data-result={`card-${card.which}`}>
      <h3>{title}</h3>
      <p className="badges">
        <StatusBadge kind={card.status} />
      </p>
      <dl className="facts">
        {CARD_ROWS.map((row) => (
          <div key={row.key} className="fact-row">
            <dt>{t(row.key)}</dt>
            <dd>{row.value(card.details)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
