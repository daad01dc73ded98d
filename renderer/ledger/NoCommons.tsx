/** What a page that shows a Commons says when the open workspace holds none: what to do instead of waiting. */
import { useWorkspace } from '../app/workspace';
import { Card } from '../ui/components';
import { ImportLedger } from './ImportLedger';
import { InviteCard } from '../genesis/InviteCard';

export function NoCommons() {
  const { workspace, choose } = useWorkspace();
  if (workspace === 'demo') {
    return (
      <Card title="No Commons yet">
        <p>The Demo Commons is not available in this build. Open your own Commons in Settings, and import the ledger file your Commons’ stewards publish.</p>
        <button type="button" onClick={() => choose('real')}>
          Open my Commons
        </button>
      </Card>
    );
  }
  return (
    <Card title="No Commons yet">
      <p>
        You have not joined a Commons on this machine. Import the ledger file your Commons’ stewards publish: every entry is verified before it is stored,
        and your Commons appears here. Or look around the Demo Commons first.
      </p>
      <ImportLedger />
      <button type="button" onClick={() => choose('demo')}>
        Open the Demo Commons
      </button>
      <InviteCard />
    </Card>
  );
}
