/**
 * Demo only: the Demo Commons' clock. Its stewards seal each entry an hour after the last; a vote
 * takes a week and a passed proposal waits 48 h, so here the newcomer may ask the stewards to seal
 * the next entry later (`demo.wait`), up to the next step of a proposal. A real Commons' time is
 * its sequencers' (SPEC §0, §11); nothing like this exists there.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/api/client';
import { Card, ErrorNotice } from '../ui/components';
import { type ShownError } from '../ui/describe-error';
import { durationText, when } from './figures';

export interface Milestone {
  readonly label: string;
  readonly at: number;
}

export interface DemoClockState {
  /** The last entry's time and when the stewards seal the next one; null until read. */
  readonly clock: { readonly time: number; readonly nextTime: number } | null;
  readonly wait: (seconds: number) => Promise<void>;
  readonly error: ShownError | null;
}

/** The demo's clock, read again whenever an entry is sealed (`height`); nothing when not in the demo. */
export function useDemoClock(height: number, demo: boolean): DemoClockState {
  const api = useApi();
  const [clock, setClock] = useState<DemoClockState['clock']>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const read = useCallback(async () => {
    if (!demo) return;
    const answered = await api.call('demo.clock', {});
    if (answered.ok) setClock(answered.value);
    else setError(answered.error);
  }, [api, demo]);
  useEffect(() => void read(), [read, height]);
  const wait = useCallback(
    async (seconds: number) => {
      if (seconds <= 0) return;
      setError(null);
      const answered = await api.call('demo.wait', { seconds });
      if (answered.ok) setClock(answered.value);
      else setError(answered.error);
    },
    [api],
  );
  return { clock, wait, error };
}

export function DemoClock({ state, milestones }: { state: DemoClockState; milestones: readonly Milestone[] }) {
  const { clock, wait, error } = state;
  const upcoming = clock ? milestones.filter((m) => m.at > clock.nextTime).sort((a, b) => a.at - b.at) : [];
  return (
    <Card title="Demo clock" aside={<span className="muted small">Demo Commons only: a real Commons’ time is its stewards’</span>}>
      {clock && (
        <p className="small" data-testid="demo-clock" data-next-time={clock.nextTime}>
          Last entry {when(clock.time)}. The stewards seal the next entry at <strong data-testid="demo-next-time">{when(clock.nextTime)}</strong>: every rule that depends on time (a vote
          opening or closing, a timelock) is checked at that moment.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void wait(86_400)}>
          Let a day pass
        </button>
        {clock &&
          upcoming.slice(0, 3).map((m) => (
            <button key={`${m.label}-${m.at}`} type="button" onClick={() => void wait(m.at - clock.nextTime)}>
              Skip {durationText(m.at - clock.nextTime)}: {m.label}
            </button>
          ))}
      </div>
      {error && <ErrorNotice error={error} />}
    </Card>
  );
}
