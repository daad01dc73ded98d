/**
 * What a proposal does once executed, in words, from its effect (the very action the ledger will
 * run, bound by its payload hash) and the ledger's current parameters: a parameter change lists
 * each parameter with its value now and after; the other kinds name amounts in full with their
 * token and vaults as the ledger calls them.
 */
import { type Effect } from '../../shared/commons/governance';
import { type Params } from '../../shared/commons/params';
import { type CommonsView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount } from '../../shared/money';
import { partyOf, partyText } from '../../shared/quorum/describe';

export interface ParamDiff {
  /** The parameter's path, e.g. `drawCapBps.COMM`. */
  readonly param: string;
  readonly before: string;
  readonly after: string;
}

type Leaf = number | bigint | string | boolean;

function leaves(value: unknown, prefix: string, out: Map<string, Leaf>) {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || typeof value === 'boolean') {
    out.set(prefix, value);
  }
}

/** A parameter's value as a member reads it: bps as a percentage, amounts in full, seconds as they are. */
export function paramText(param: string, value: Leaf): string {
  if (typeof value === 'bigint') return `${formatAmount(value, DECIMALS.CONX)} CONX`;
  if (typeof value === 'number' && /Bps(\.|$)/.test(param)) return `${formatAmount(BigInt(value), 2)} %`;
  if (typeof value === 'number' && /Seconds$/.test(param)) return `${value.toLocaleString('en-US')} s`;
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
}

/** Every parameter the change gives a new value, with its value now and after. */
export function paramDiffs(params: Params, changes: Partial<Params>): ParamDiff[] {
  const before = new Map<string, Leaf>();
  const after = new Map<string, Leaf>();
  leaves(params, '', before);
  leaves({ ...params, ...changes }, '', after);
  const diffs: ParamDiff[] = [];
  for (const [param, value] of after) {
    const was = before.get(param);
    if (was !== value) diffs.push({ param, before: was === undefined ? '—' : paramText(param, was), after: paramText(param, value) });
  }
  return diffs;
}

const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;

/** One sentence for what executing the effect does. */
/** Every value a change sets, whether or not it differs from the parameters now (an executed change's values are today's). */
export function paramValues(changes: Partial<Params>): string[] {
  const set = new Map<string, Leaf>();
  leaves(changes, '', set);
  return [...set].map(([param, value]) => `${param} ${paramText(param, value)}`);
}

export function effectWords(commons: Pick<CommonsView, 'vaults' | 'members' | 'params'>, effect: Effect): string {
  switch (effect.action) {
    case 'params.set': {
      const diffs = paramDiffs(commons.params, effect.payload.params);
      // Nothing differs once it executed (or when it proposes today's values): say what it sets.
      if (diffs.length === 0) return `Sets ${paramValues(effect.payload.params).join(', ')} (the values in force now).`;
      return `Changes ${diffs.map((d) => `${d.param} from ${d.before} to ${d.after}`).join('; ')}.`;
    }
    case 'treasury.spend':
      return `Pays ${conx(effect.payload.amount)} from the Commons treasury to ${partyText(partyOf(commons, effect.payload.to))}.`;
    case 'loss.share':
      return `Moves a loss of ${conx(effect.payload.amount)} into Commons loss sharing, billed to all members at the next patronage close (${effect.payload.reason}).`;
    case 'attestor.set': {
      const parts = [...effect.payload.add.map((a) => `adds attestor ${a}`), ...effect.payload.remove.map((a) => `removes attestor ${a}`)];
      return parts.length === 0 ? 'Changes no attestor.' : `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
    }
    case 'steward.change':
      return `Makes the treasury’s signers ${effect.payload.signers.map((s) => `${s.label} (${s.address})`).join(', ')}, any ${effect.payload.threshold} of whom sign; they also seal the Commons’ entries.`;
    case 'quest.openApproved':
      return `Opens quest ${effect.payload.quest.id} (“${effect.payload.quest.title}”), sponsored by the ${effect.payload.quest.sponsor}, escrowing ${conx(effect.payload.quest.budget)} from the treasury.`;
  }
}
