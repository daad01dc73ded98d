/** The quests: sponsor and co-sponsor factions, budget, reserved and paid, as bars on one scale and as figures. */
import { type CommonsView } from '../../shared/contract/commons-view';
import { Card } from '../ui/components';
import { StackedBars } from '../ui/StackedBars';
import { conx, questRow } from './figures';

export function QuestsCard({ commons }: { commons: CommonsView }) {
  if (commons.quests.length === 0)
    return (
      <Card title="Impact Quests">
        <p className="muted">No quest is open yet. The treasury’s stewards open one below (after a governance vote, once governance exists: SPEC §6).</p>
      </Card>
    );
  return (
    <Card title="Impact Quests" aside={<span className="muted">Budgets in escrow, paid to completed offers</span>}>
      <StackedBars title="Budget per quest: paid, reserved for accepted offers, and free" rows={commons.quests.map(questRow)} testId="quest-bars" />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Quest</th>
            <th scope="col">Sponsor</th>
            <th scope="col">Co-sponsors</th>
            <th scope="col" className="num">Budget</th>
            <th scope="col" className="num">Reserved</th>
            <th scope="col" className="num">Paid</th>
            <th scope="col" className="num">Free</th>
            <th scope="col" className="num">Offers</th>
          </tr>
        </thead>
        <tbody>
          {commons.quests.map((q) => (
            <tr key={q.id} data-testid="quest" data-quest={q.id}>
              <td>
                <strong>{q.title}</strong> <span className="muted small mono">{q.id}</span>
              </td>
              <td>
                <span className={`faction faction-${q.sponsor.toLowerCase()}`}>{q.sponsor}</span>
              </td>
              <td>
                {q.coSponsors.length === 0
                  ? '—'
                  : q.coSponsors.map((f) => (
                      <span key={f} className={`faction faction-${f.toLowerCase()}`}>
                        {f}{' '}
                      </span>
                    ))}
              </td>
              <td className="num">{conx(q.budget)}</td>
              <td className="num">{conx(q.reserved)}</td>
              <td className="num" data-testid="quest-paid">
                {conx(q.paid)}
              </td>
              <td className="num">{conx(q.unreserved)}</td>
              <td className="num">{q.offers.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
