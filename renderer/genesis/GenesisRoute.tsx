/** The stewards' and invitees' pages, one chunk (renderer/app/routes.tsx). */
import { InviteCard } from './InviteCard';

export { GenesisPage } from './GenesisPage';
export { StewardsPage } from './StewardsPage';

export function JoinPage() {
  return <InviteCard />;
}
