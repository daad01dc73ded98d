/**
 * What a fall of every market price (ADA, BTC, ETH; COMM stays at par) would do to the line: the
 * credit module's own what-if (shared/commons/credit/what-if.ts) on the line's view, for 10, 30
 * and 50 %, and for any fall the member drags the slider to (recomputed as they drag).
 */
import { useMemo, useState } from 'react';
import { type CreditLineView, type CreditView, currentPrices, type LineFigures, whatIfPriceDrop } from '../../shared/commons/credit';
import { BarChart } from '../ui/BarChart';
import { Card } from '../ui/components';
import { healthText } from './charts/geometry';
import { conx } from './figures';
import { healthNumber } from './LineFigures';

export const SCENARIOS = [1_000, 3_000, 5_000] as const;

/** "frozen (health below 1)", "liquidatable at once", "stays healthy", "no debt". */
export function verdict(figures: LineFigures): string {
  if (figures.healthBps === null) return 'no debt: nothing to liquidate';
  if (figures.liquidatableAtOnce) return 'liquidatable at once, in full';
  if (figures.unhealthy) return 'frozen: health below 1, the cure period starts';
  return 'stays healthy';
}

export function WhatIf({ credit, line }: { credit: CreditView; line: CreditLineView }) {
  const [dropBps, setDropBps] = useState(3_000);
  const prices = useMemo(() => currentPrices(credit.prices), [credit.prices]);
  const scenarios = useMemo(() => SCENARIOS.map((drop) => ({ drop, figures: whatIfPriceDrop(line, prices, credit.params, drop) })), [line, prices, credit.params]);
  const dragged = useMemo(() => whatIfPriceDrop(line, prices, credit.params, dropBps), [line, prices, credit.params, dropBps]);
  const hasMarket = line.collateral.ADA > 0n || line.collateral.BTC > 0n || line.collateral.ETH > 0n;

  return (
    <Card title="If prices fell" aside={<span className="muted">COMM stays at par; ADA, BTC and ETH fall together</span>}>
      {!hasMarket && <p className="muted small">This line holds no ADA, BTC or ETH: a fall in their prices does not change it.</p>}
      <table className="table credit-figures" data-testid="what-if">
        <thead>
          <tr>
            <th scope="col">Prices fall by</th>
            <th scope="col" className="num">
              Capacity
            </th>
            <th scope="col" className="num">
              Health
            </th>
            <th scope="col">The line</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map(({ drop, figures }) => (
            <tr key={drop} data-testid="what-if-row" data-drop={drop / 100}>
              <td>{drop / 100} %</td>
              <td className="num">{conx(figures.capacity)}</td>
              <td className="num">{healthText(healthNumber(figures.healthBps))}</td>
              <td>{verdict(figures)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BarChart
        title="Health if prices fell by 10, 30, 50 %"
        bars={scenarios.map(({ drop, figures }) => ({ label: `−${drop / 100} %`, value: figures.healthBps ?? 0n, display: healthText(healthNumber(figures.healthBps)) }))}
      />
      <div className="what-if">
        <label>
          Any fall: <strong data-testid="what-if-drop">{dropBps / 100} %</strong>
          <input type="range" min={0} max={9_000} step={100} value={dropBps} onChange={(e) => setDropBps(Number(e.target.value))} aria-label="Price fall" />
        </label>
        <p data-testid="what-if-dragged">
          {dragged.healthBps === null
            ? `Capacity ${conx(dragged.capacity)}; ${verdict(dragged)}.`
            : `Capacity ${conx(dragged.capacity)}, health ${healthText(healthNumber(dragged.healthBps))}: ${verdict(dragged)}.`}
        </p>
      </div>
    </Card>
  );
}
