/**
 * The rows of a real Commons' stewards and invitees (shared/contract/stewards.ts), on top of the
 * ledger service, which alone stores entries and verifies each before it does:
 *
 * - `genesis.draft` / `genesis.create`: entry 0 drafted from the stewards' choices with this app's
 *   verification keys, then, signed by the stewards on their devices, verified and stored; its
 *   invite file (shared/commons/invite-file.ts) is answered for the members.
 * - `stewards.checkBatch` / `stewards.seal`: the inbox's signed actions run in order against the
 *   current state (refused ones named, left out of the entry), and the entry the treasury quorum
 *   sealed stored as the next one.
 * - `invite.open` / `invite.list` / `invite.join`: an invite kept in `<dataDir>/invites/`, waiting
 *   for its Commons' ledger file, whose genesis must be the invite's before anything is imported.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Answer, type RequestOf, type ResponseOf } from '../../../shared/contract/define';
import { type StewardsChannels } from '../../../shared/contract/stewards';
import { fail } from '../../../shared/commons/errors';
import { type InviteFile, inviteMatchesGenesis, inviteOf, parseInviteFile } from '../../../shared/commons/invite-file';
import { encodeEntry } from '../../../shared/commons/log';
import { entryHash } from '../../../shared/commons/quorum';
import { splitUpdateFile } from '../../../shared/commons/update-file';
import { parseEntry } from '../../../shared/commons/verify';
import { type ZkKeyHashes } from '../../../shared/commons/zk-keys';
import { type ZkVerifier } from '../../../shared/zk/types';
import { checkBatch } from '../../../shared/stewards/batch';
import { draftGenesis } from '../../../shared/stewards/genesis';
import { err, ok } from '../../../shared/result';
import { toWire } from './handlers';
import { type LedgerService } from './interface';
import { bestRecoverer } from './native';
import { stewardsError } from './stewards-errors';

export type StewardsHandlers = {
  [C in keyof StewardsChannels]: (request: RequestOf<StewardsChannels, C>) => Promise<Answer<ResponseOf<StewardsChannels, C>>>;
};

export interface StewardsOptions {
  readonly ledger: LedgerService;
  /** The app's data folder: invites wait in its `invites/` folder. */
  readonly dataDir: string;
  /** This app's verification keys, which a new genesis states. */
  readonly zkKeys: () => ZkKeyHashes;
  /** The proof verifier the inbox checks actions with (the ledger's). */
  readonly verifier: () => ZkVerifier;
  /** The wall clock (ms): a new entry's time, never before the head's. */
  readonly now?: () => number;
}

/** A name fit for a file: letters, digits and dashes. */
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'commons';

export function stewardsHandlers(options: StewardsOptions): StewardsHandlers {
  const { ledger } = options;
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);
  const folder = join(options.dataDir, 'invites');
  const inviteFile = (commonsId: string) => join(folder, `${commonsId.toLowerCase()}.json`);

  const readInvite = (commonsId: string): InviteFile | null => {
    try {
      const parsed = parseInviteFile(readFileSync(inviteFile(commonsId), 'utf8'));
      return parsed.ok ? parsed.value : null;
    } catch {
      return null;
    }
  };
  const storedIds = async () => new Set((await ledger.list('real')).map((c) => c.commonsId));

  return {
    async 'genesis.draft'({ time, ...choices }) {
      const drafted = draftGenesis({ ...choices, time: time ?? nowSeconds() }, options.zkKeys());
      if (!drafted.ok) return err(toWire(drafted.error));
      return ok({ ...drafted.value, zkKeys: options.zkKeys() });
    },

    async 'genesis.create'({ entry }) {
      const action = entry.actions[0];
      if (entry.seq !== 0 || entry.actions.length !== 1 || action?.kind !== 'commons.genesis') {
        const refusal = { ...fail('GenesisInvalid', { reason: 'a genesis is entry 0 with exactly one commons.genesis action' }), seq: entry.seq };
        return err(toWire(refusal));
      }
      // The one verified import: the stewards' quorum, every module's genesis rules, the keys; nothing stored if any fails.
      const imported = await ledger.importLog(`${encodeEntry(entry)}\n`);
      if (!imported.ok) return err(toWire(imported.error));
      const invite = inviteOf(entry);
      return ok({
        commonsId: invite.commonsId,
        genesisHash: invite.genesisHash,
        name: invite.name,
        invite,
        inviteText: `${JSON.stringify(invite, null, 2)}\n`,
        fileName: `${slug(invite.name)}-invite.json`,
      });
    },

    async 'stewards.checkBatch'({ commonsId, actions, time }) {
      const state = await ledger.state('real', commonsId);
      if (!state.ok) return err(toWire(state.error));
      const checked = checkBatch(state.value, actions, { verifier: options.verifier(), recoverer: bestRecoverer() }, time ?? nowSeconds());
      return ok({
        verdicts: checked.verdicts.map((v) => (v.accepted ? { accepted: true as const } : { accepted: false as const, refusal: toWire(v.refusal) })),
        entry: checked.entry,
        digest: checked.digest,
      });
    },

    async 'stewards.seal'({ commonsId, entry }) {
      const state = await ledger.state('real', commonsId);
      if (!state.ok) return err(toWire(state.error));
      const { height, headHash } = state.value;
      if (entry.seq !== height || entry.prevHash !== headHash) return err(toWire(stewardsError('SealNotNext', { seq: entry.seq, height })));
      // Verified on top of the head like any imported entry: the sequencer quorum, every action's quorum and rule.
      const imported = await ledger.importLog(`${encodeEntry(entry)}\n`);
      if (!imported.ok) return err(toWire(imported.error));
      return ok({ seq: entry.seq, height: imported.value.height, headHash: entryHash(state.value.commonsId, entry) });
    },

    async 'invite.open'({ text }) {
      const parsed = parseInviteFile(text);
      if (!parsed.ok) return err(toWire(stewardsError('InviteInvalid', parsed.error)));
      const invite = parsed.value;
      mkdirSync(folder, { recursive: true });
      // Written whole, then renamed into place: a half-written invite is never read.
      const temporary = `${inviteFile(invite.commonsId)}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(invite, null, 2)}\n`);
      renameSync(temporary, inviteFile(invite.commonsId));
      return ok({ invite, joined: (await storedIds()).has(invite.commonsId) });
    },

    async 'invite.list'() {
      let names: string[];
      try {
        names = readdirSync(folder).filter((name) => /^0x[0-9a-f]{64}\.json$/.test(name));
      } catch {
        return ok({ invites: [] });
      }
      const stored = await storedIds();
      const invites = names.map((name) => readInvite(name.slice(0, -'.json'.length))).filter((invite): invite is InviteFile => invite !== null && !stored.has(invite.commonsId));
      return ok({ invites: invites.sort((a, b) => a.name.localeCompare(b.name)) });
    },

    async 'invite.join'({ commonsId, log }) {
      const invite = readInvite(commonsId);
      if (!invite) return err(toWire(stewardsError('NoSuchInvite', { commonsId: commonsId.toLowerCase() })));
      const mismatch = (reason: string) => err(toWire(stewardsError('InviteMismatch', { commonsId: invite.commonsId, reason })));
      const split = splitUpdateFile(log);
      if (split.ok) {
        if (split.header && (split.header.commonsId !== invite.commonsId || split.header.genesisHash !== invite.genesisHash)) {
          return mismatch(`the file’s header names the Commons ${split.header.commonsId}`);
        }
        const first = split.lines[0];
        const genesis = first === undefined ? null : parseEntry(first, 0);
        // A file that does not even parse is refused by the import below, with its own reason.
        if (genesis?.ok) {
          if (genesis.value.seq !== 0) return mismatch('the file does not start at the genesis entry; a new member imports the whole ledger first');
          const matches = inviteMatchesGenesis(invite, genesis.value);
          if (!matches.ok) return mismatch(matches.error.reason);
        }
      }
      const imported = await ledger.importLog(log);
      if (!imported.ok) return err(toWire(imported.error));
      return ok(imported.value);
    },
  };
}
