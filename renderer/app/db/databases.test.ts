import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { creditView } from '../../../shared/commons/credit/view';
import { patronageView } from '../../../shared/commons/patronage/view';
import { genesisState } from '../../../shared/commons/fixtures';
import { DEMO_DB_NAME, REAL_DB_NAME, loadProjections, openVaultDatabase, readWorkspace, saveProjection, writeWorkspace } from './databases';

const view: CommonsView = {
  commonsId: `0x${'c3'.repeat(32)}`,
  name: 'Test Commons',
  demo: true,
  height: 3,
  headHash: `0x${'11'.repeat(32)}`,
  time: 1_767_603_600,
  verifiedAt: null,
  members: [],
  vaults: [],
  supplies: { CONX: 12_345_678_901_234_567_890n },
  memberLeaves: [],
  treasury: `0x${'00'.repeat(20)}`,
  attestors: [],
  ballots: {},
  quests: [],
  offers: [],
  verifierQueue: [],
  completionCredentials: [],
  questsOpenBy: 'treasury',
  stakeRequests: [],
  stakes: [],
  reputations: [],
  stakerPmtCap: 1_000_000_000n,
  credit: creditView(genesisState()),
  params: genesisState().params,
  proposals: [],
  dexBandBps: 500,
  dexListings: [],
  dexOrders: [],
  dexFills: [],
  patronage: patronageView(genesisState()),
  disputes: [],
  lossReserve: { balance: 0n, sharedLossDue: 0n },
};

const opened: ReturnType<typeof openVaultDatabase>[] = [];
const open = (name: string) => {
  const db = openVaultDatabase(name);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('local databases', () => {
  it('open the Demo Commons on first start, and remember the member’s choice', async () => {
    const settings = open(REAL_DB_NAME);
    expect(await readWorkspace(settings)).toBe('demo');
    await writeWorkspace(settings, 'real');
    settings.close();
    expect(await readWorkspace(open(REAL_DB_NAME))).toBe('real');
  });

  it('keep the demo apart from the member’s own data', async () => {
    const demo = open(DEMO_DB_NAME);
    const real = open(REAL_DB_NAME);
    await saveProjection(demo, view, 1);
    expect(await loadProjections(real)).toEqual([]);
    expect(await loadProjections(demo)).toEqual([view]);
  });

  it('store amounts exactly and skip a stored row that no longer decodes', async () => {
    const demo = open(DEMO_DB_NAME);
    await saveProjection(demo, view, 1);
    await demo.projections.put({ commonsId: 'broken', view: { name: 42 } as never, storedAt: 2 });
    const [loaded] = await loadProjections(demo);
    expect(loaded?.supplies.CONX).toBe(12_345_678_901_234_567_890n);
    expect(await loadProjections(demo)).toHaveLength(1);
  });
});
