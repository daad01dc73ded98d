/**
 * The action in words (shared/quorum/describe.ts): names as the verified ledger has them, each
 * vault's full address beside its name, unknown addresses said to be unknown. Its text is
 * exactly the sentence's plain text. A request that changes who controls a vault says so apart.
 */
import { type ActionWords, type Party, partyRole } from '../../shared/quorum/describe';

function PartyWords({ party }: { party: Party }) {
  const address = <span className="mono address">{party.address}</span>;
  if (!party.known)
    return (
      <span className="party party-unknown" data-testid="party" data-address={party.address}>
        <strong>an unknown address</strong> ({address})
      </span>
    );
  return (
    <span className="party" data-testid="party" data-address={party.address}>
      <strong>{party.vaultName}</strong> ({partyRole(party)}, {address})
    </span>
  );
}

export function ActionSentence({ words }: { words: ActionWords }) {
  return (
    <>
      <p className="action-words" data-testid="action-words">
        {words.parts.map((part, i) => ('party' in part ? <PartyWords key={i} party={part.party} /> : <span key={i}>{part.text}</span>))}
      </p>
      {words.warning && (
        <p className="notice notice-warn" role="note" data-testid="control-warning">
          <strong>Read this before signing.</strong> {words.warning}
        </p>
      )}
    </>
  );
}
