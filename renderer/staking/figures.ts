/**
 * What the staking page computes from the Commons' view (SPEC §5): open requests and how far they
 * are staked, a vault's stakes and loans, repayment progress, and the PMT a stake earns —
 * min(principal, cap), vesting in proportion to the principal repaid and minted only as repayment
 * arrives. Pure, so that it is tested apart from React.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { formatAsset } from '../../shared/money';
import { type StackRow } from '../ui/StackedBars';
import { amount } from '../impact/figures';

export type StakeRequestView = CommonsView['stakeRequests'][number];
export type StakeView = CommonsView['stakes'][number];
export type OfferView = CommonsView['offers'][number];

export const conx = (amount: bigint) => formatAsset(amount, 'CONX');
export const pmt = (amount: bigint) => formatAsset(amount, 'PMT');

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** SPEC §5: each staker is credited min(principal, cap) PMT for a stake. */
export const pmtCredit = (principal: bigint, cap: bigint): bigint => (principal <= 0n ? 0n : min(principal, cap));

/** Requests other members can stake into now: open, on an offer still being worked on. */
export const openRequests = (commons: Pick<CommonsView, 'stakeRequests'>) => commons.stakeRequests.filter((r) => r.state === 'open');

/** Still asked of a request: what a stake may at most be. */
export const stillAsked = (request: StakeRequestView) => (request.amount > request.staked ? request.amount - request.staked : 0n);

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
export const stakesOf = (commons: Pick<CommonsView, 'stakes'>, vault: VaultView) => commons.stakes.filter((s) => same(s.staker, vault.address));
export const loansOf = (commons: Pick<CommonsView, 'stakeRequests'>, vault: VaultView) => commons.stakeRequests.filter((r) => same(r.holder, vault.address));

/** The holder's offers a stake can be asked on (accepted or submitted), with what the reward still leaves to ask. */
export function stakeableOffers(commons: Pick<CommonsView, 'offers' | 'stakeRequests'>, vault: VaultView): { offer: OfferView; left: bigint }[] {
  return commons.offers
    .filter((o) => same(o.holder, vault.address) && (o.state === 'accepted' || o.state === 'submitted'))
    .map((offer) => {
      const asked = commons.stakeRequests.filter((r) => r.offer === offer.id).reduce((sum, r) => sum + r.amount, 0n);
      return { offer, left: offer.reward.conx > asked ? offer.reward.conx - asked : 0n };
    });
}

/** A stake's repayment as a bar: repaid, still outstanding (returned stakes stand apart). */
export function stakeRow(stake: StakeView): StackRow {
  const outstanding = stake.principal - stake.repaid - stake.returned;
  return {
    label: stake.request,
    total: stake.principal,
    parts: [
      { label: 'repaid', value: stake.repaid, tone: 'accent' },
      { label: 'returned', value: stake.returned, tone: 'muted' },
      { label: 'outstanding', value: outstanding > 0n ? outstanding : 0n, tone: 'warn' },
    ],
    display: `${amount(stake.repaid)} / ${conx(stake.principal)}`,
  };
}

/** A stake's PMT as a bar: minted so far, and (the track) what it earns in all. */
export function pmtRow(stake: StakeView): StackRow {
  return {
    label: stake.request,
    total: stake.pmtExpected,
    parts: [{ label: 'PMT minted', value: stake.pmtMinted, tone: 'syndicate' }],
    display: `${amount(stake.pmtMinted)} / ${pmt(stake.pmtExpected)}`,
  };
}

/** A loan (a request the vault holds) as a bar: staked so far of what was asked, or repaid of what was released. */
export function loanRow(request: StakeRequestView): StackRow {
  if (request.state === 'open')
    return {
      label: request.id,
      total: request.amount,
      parts: [{ label: 'staked', value: request.staked, tone: 'union' }],
      display: `${amount(request.staked)} / ${conx(request.amount)} staked`,
    };
  return {
    label: request.id,
    total: request.released,
    parts: [
      { label: 'repaid', value: request.repaid, tone: 'accent' },
      { label: 'outstanding', value: request.outstanding, tone: 'warn' },
    ],
    display: `${amount(request.repaid)} / ${conx(request.released)} repaid`,
  };
}

export const REQUEST_STATE_WORDS: Record<StakeRequestView['state'], string> = {
  open: 'open for stakes',
  released: 'released to the holder, repaid when the offer completes',
  repaid: 'repaid',
  returned: 'returned to its stakers',
  frozen: 'frozen (the offer failed): the Judicial Loop decides',
};
