import type { CardComparisonView } from '../../../../api/index.js';
import { MessageBox } from '../../components/message-box.js';
import { useT } from '../../i18n/use-t.js';
import { CARD_ROWS } from './card-rows.js';

/**
 * Old card and new card side by side (Pension e-bidding manual §4, Ise e-bidding manual §1.6); differing holder details
 * are marked in words; a refusal (the card in use has expired: Nagasaki card-update manual) comes first.
 */
export function CardComparison({ comparison }: { comparison: CardComparisonView }) {
  const t = useT();
  return (
    <div className="result" data-result="card-comparison">
      <h3>{t('cardCompare')}</h3>
      {comparison.refusal ? <MessageBox message={comparison.refusal} /> : null}
      {comparison.warnings.map((warning) => (
        <MessageBox key={warning.code} message={warning} />
      ))}
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col">{t('cardItem')}</th>
            <th scope="col">{t('cardOld')}</th>
            <th scope="col">{t('cardNew')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {CARD_ROWS.map((row) => {
            const before = row.value(comparison.old);
            const after = row.value(comparison.new);
            const differs = row.compare === true && before !== after;
            return (
              <tr key={row.key} className={differs ? 'differs' : undefined}>
                <th scope="row">{t(row.key)}</th>
                <td>{before}</td>
                <td>{after}</td>
                <td>{row.compare ? (differs ? `⚠ ${t('cardDiffers')}` : t('cardSame')) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
