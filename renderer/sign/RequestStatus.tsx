/**
 * Where a request stands, in words (shared/quorum/lifecycle.ts): who is still needed while it
 * collects, and, once the ledger has decided, that it executed, was superseded or expired.
 */
import { type RequestState } from '../../shared/quorum/lifecycle';
import { Badge } from '../ui/components';

const when = (seconds: number) => new Date(seconds * 1000).toLocaleString();

export function stateBadge(state: RequestState) {
  switch (state.state) {
    case 'collecting':
      return <Badge>{`collecting · ${state.needed.have} of ${state.needed.need}`}</Badge>;
    case 'ready':
      return <Badge tone="ok">ready · quorum reached</Badge>;
    case 'submitted':
      return <Badge tone="ok">submitted</Badge>;
    case 'executed':
      return <Badge tone="ok">executed</Badge>;
    case 'superseded':
      return <Badge tone="warn">superseded</Badge>;
    case 'expired':
      return <Badge tone="warn">expired</Badge>;
  }
}

/** The sentence under the action: who is still needed, or what the ledger decided. */
export function RequestStatus({ state }: { state: RequestState }) {
  switch (state.state) {
    case 'collecting': {
      const { needed } = state;
      const more = Math.max(0, needed.need - needed.have);
      const member = state.authority.member;
      return (
        <p className="small" data-testid="request-state" data-state="collecting">
          {more > 0 && (
            <>
              Still needed: {more === needed.unsigned.length ? (more === 1 ? 'the signature of ' : 'the signatures of ') : `any ${more} of `}
              {needed.unsigned.map((s) => `${s.label} (${s.address})`).join(', ')}.{' '}
            </>
          )}
          {needed.memberKey && member && <>The action speaks for {member.label ?? member.did}, so their own key ({needed.memberKey}) must be among the signatures.</>}
        </p>
      );
    }
    case 'ready':
      return null;
    case 'submitted':
      return (
        <p className="small" data-testid="request-state" data-state="submitted">
          Handed to the stewards at {when(state.at)}; it is executed once they sequence it and this app has verified the entry.
        </p>
      );
    case 'executed':
      return (
        <div className="notice notice-ok" role="status" data-testid="request-state" data-state="executed">
          <strong>Executed in entry {state.seq}.</strong> The verified ledger holds this very action; nothing more is needed.
        </div>
      );
    case 'superseded':
      return (
        <div className="notice" role="status" data-testid="request-state" data-state="superseded">
          <strong>Superseded.</strong> The vault’s action number {state.nonce} went to another action{state.seq === null ? '' : ` (entry ${state.seq})`}, so this
          request can never execute. Nothing here needs signing; start a new request if it is still wanted.
        </div>
      );
    case 'expired':
      return (
        <div className="notice" role="status" data-testid="request-state" data-state="expired">
          <strong>Expired.</strong> The request was valid until {when(state.validUntil)}, and the ledger’s time is {when(state.ledgerTime)}: the ledger refuses it
          now. Nothing here needs signing; start a new request if it is still wanted.
        </div>
      );
  }
}
