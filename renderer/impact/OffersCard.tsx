/** Every offer with its state and its progress along open → accepted → submitted → completed, and how far its stakes came. */
import { type CommonsView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount, formatAsset } from '../../shared/money';
import { Badge, Card } from '../ui/components';
import { ProgressBar } from '../ui/StackedBars';
import { conx, memberName, type OfferView, offerProgress } from './figures';

export function rewardText(offer: OfferView) {
  return `${conx(offer.reward.conx)}, ${formatAsset(offer.reward.ppt, 'PPT')}, ${formatAmount(offer.reward.role, DECIMALS.PPT, { maxFractionDigits: 2 })} ${offer.reward.roleToken ?? 'role token'}`;
}

export function OfferState({ offer }: { offer: OfferView }) {
  const tone = offer.state === 'completed' ? 'ok' : offer.state === 'failed' || offer.state === 'disputed' ? 'warn' : 'neutral';
  return (
    <span data-testid="offer-state" data-state={offer.state}>
      <Badge tone={tone}>{offer.state}</Badge>
    </span>
  );
}

export function OfferProgressBar({ offer }: { offer: OfferView }) {
  const progress = offerProgress(offer);
  return <ProgressBar label={`Offer ${offer.id}`} value={BigInt(progress.step)} of={BigInt(progress.of)} display={progress.words} tone={progress.tone} />;
}

export function OffersCard({ commons }: { commons: CommonsView }) {
  if (commons.offers.length === 0) return null;
  return (
    <Card title="Offers">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Offer</th>
            <th scope="col">Quest</th>
            <th scope="col">Member</th>
            <th scope="col">Reward</th>
            <th scope="col">State</th>
            <th scope="col">Progress</th>
            <th scope="col" className="num">Staked</th>
          </tr>
        </thead>
        <tbody>
          {commons.offers.map((offer) => {
            const requests = commons.stakeRequests.filter((r) => r.offer === offer.id);
            const staked = requests.reduce((sum, r) => sum + r.staked, 0n);
            return (
              <tr key={offer.id} data-testid="offer" data-offer={offer.id}>
                <td>
                  <strong className="mono">{offer.id}</strong>
                  <div className="small">{offer.deliverable}</div>
                </td>
                <td className="mono small">{offer.quest}</td>
                <td>{memberName(commons, offer.member)}</td>
                <td className="small">{rewardText(offer)}</td>
                <td>
                  <OfferState offer={offer} />
                </td>
                <td>
                  <OfferProgressBar offer={offer} />
                </td>
                <td className="num">{requests.length === 0 ? '—' : conx(staked)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
