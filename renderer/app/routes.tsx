/**
 * The route table: one hash route per flow, each flow's page loaded only when first opened
 * (React.lazy: a chunk per route), in the order of the navigation. A route that shows a Commons
 * gets it from the ledger provider once there is one; until then the shell says what to do
 * (RequireCommons), so no page waits for a Commons that does not exist.
 */
import { type ReactNode } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type LedgerState } from '../ledger/LedgerProvider';
import { type WorkspaceState } from './workspace';

import { chunks } from './chunks';
import { routePage } from './route-page';

const VaultRoute = routePage(chunks.vault, (m) => m.VaultRoute);
const EnrolRoute = routePage(chunks.enrol, (m) => m.EnrolRoute);
const SignPage = routePage(chunks.sign, (m) => m.SignPage);
const CreditPage = routePage(chunks.credit, (m) => m.CreditPage);
const GovernancePage = routePage(chunks.governance, (m) => m.GovernancePage);
const StakingPage = routePage(chunks.staking, (m) => m.StakingPage);
const ImpactPage = routePage(chunks.impact, (m) => m.ImpactPage);
const DexPage = routePage(chunks.dex, (m) => m.DexPage);
const PatronagePage = routePage(chunks.patronage, (m) => m.PatronagePage);
const DisputePage = routePage(chunks.disputes, (m) => m.DisputePage);
const CredentialsPage = routePage(chunks.credentials, (m) => m.CredentialsPage);
const DevicesRoute = routePage(chunks.devices, (m) => m.DevicesRoute);
const VaultWizardPage = routePage(chunks.vaultWizard, (m) => m.VaultWizardPage);
const InboxPage = routePage(chunks.inbox, (m) => m.InboxPage);
const HistoryPage = routePage(chunks.history, (m) => m.HistoryPage);
const SettingsPage = routePage(chunks.settings, (m) => m.SettingsPage);
const GenesisPage = routePage(chunks.genesis, (m) => m.GenesisPage);
const StewardsPage = routePage(chunks.genesis, (m) => m.StewardsPage);
const JoinPage = routePage(chunks.genesis, (m) => m.JoinPage);

export interface RouteContext {
  readonly ledger: LedgerState;
  readonly workspace: WorkspaceState;
}

interface RouteBase {
  readonly path: string;
  /** Fetches the route's chunk (the browser caches it; React.lazy reuses the same promise's module). */
  readonly preload: () => Promise<unknown>;
  /** The navigation's label (the e2e flows find pages by it). */
  readonly label: string;
  /** The page's heading; null: the open Commons' name. */
  readonly title: string | null;
}

export type Route =
  | (RouteBase & { readonly needsCommons: true; render(commons: CommonsView, context: RouteContext): ReactNode })
  | (RouteBase & { readonly needsCommons: false; render(context: RouteContext): ReactNode });

export const ROUTES: readonly Route[] = [
  { path: '/vault', preload: chunks.vault, label: 'Dashboard', title: null, needsCommons: true, render: (commons) => <VaultRoute commons={commons} /> },
  { path: '/identity/enrol', preload: chunks.enrol, label: 'Enrol', title: 'Enrol with your MEID', needsCommons: true, render: (commons) => <EnrolRoute commons={commons} /> },
  {
    path: '/sign',
    preload: chunks.sign,
    label: 'Co-sign',
    title: 'Co-sign a vault action',
    needsCommons: true,
    render: (commons, { ledger }) => <SignPage commons={commons} onSequenced={ledger.refresh} />,
  },
  {
    path: '/vaults/new',
    preload: chunks.vaultWizard,
    label: 'New vault',
    title: 'A new vault, or new signers',
    needsCommons: true,
    render: (commons) => <VaultWizardPage commons={commons} onOpenInbox={() => (window.location.hash = '/inbox')} />,
  },
  { path: '/inbox', preload: chunks.inbox, label: 'Requests', title: 'Request inbox', needsCommons: true, render: (commons, { ledger }) => <InboxPage commons={commons} onSequenced={ledger.refresh} /> },
  { path: '/history', preload: chunks.history, label: 'History', title: 'History', needsCommons: true, render: (commons) => <HistoryPage commons={commons} /> },
  { path: '/credit', preload: chunks.credit, label: 'Credit', title: 'Credit line', needsCommons: true, render: (commons, { ledger }) => <CreditPage commons={commons} onSequenced={ledger.refresh} /> },
  {
    path: '/governance',
    preload: chunks.governance,
    label: 'Vote',
    title: 'Faction governance',
    needsCommons: true,
    render: (commons, { ledger, workspace }) => <GovernancePage commons={commons} demo={workspace.workspace === 'demo'} onSequenced={ledger.refresh} />,
  },
  { path: '/staking', preload: chunks.staking, label: 'Staking', title: 'M2M staking', needsCommons: true, render: (commons, { ledger }) => <StakingPage commons={commons} onSequenced={ledger.refresh} /> },
  { path: '/impact', preload: chunks.impact, label: 'Impact', title: 'Impact board', needsCommons: true, render: (commons, { ledger }) => <ImpactPage commons={commons} onSequenced={ledger.refresh} /> },
  { path: '/dex', preload: chunks.dex, label: 'DEX', title: 'C3 DEX', needsCommons: true, render: (commons, { ledger }) => <DexPage commons={commons} onSequenced={ledger.refresh} /> },
  {
    path: '/patronage',
    preload: chunks.patronage,
    label: 'Patronage',
    title: 'Patronage statement',
    needsCommons: true,
    render: (commons, { ledger }) => <PatronagePage commons={commons} onSequenced={ledger.refresh} />,
  },
  { path: '/disputes', preload: chunks.disputes, label: 'Disputes', title: 'Disputes', needsCommons: true, render: (commons, { ledger }) => <DisputePage commons={commons} onSequenced={ledger.refresh} /> },
  { path: '/identity/credentials', preload: chunks.credentials, label: 'Credentials', title: 'Credentials', needsCommons: true, render: (commons) => <CredentialsPage commons={commons} /> },
  { path: '/stewards', preload: chunks.genesis, label: 'Stewards', title: 'Stewards: sequence entries', needsCommons: true, render: (commons) => <StewardsPage commons={commons} /> },
  { path: '/stewards/genesis', preload: chunks.genesis, label: 'Start a Commons', title: 'Start a Commons', needsCommons: false, render: () => <GenesisPage /> },
  { path: '/join', preload: chunks.genesis, label: 'Join', title: 'Join a Commons', needsCommons: false, render: () => <JoinPage /> },
  { path: '/devices', preload: chunks.devices, label: 'Devices', title: 'Devices', needsCommons: false, render: () => <DevicesRoute /> },
  {
    path: '/settings',
    preload: chunks.settings,
    label: 'Settings',
    title: 'Settings',
    needsCommons: false,
    render: ({ workspace }) => <SettingsPage workspace={workspace.workspace} onWorkspace={workspace.choose} />,
  },
];

export const DEFAULT_ROUTE = ROUTES[0]!;

/** The route for a path, the dashboard for any other. */
export const routeFor = (path: string): Route => ROUTES.find((route) => route.path === path) ?? DEFAULT_ROUTE;
