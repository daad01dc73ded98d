/**
 * SPEC §8: the mediator panel, drawn deterministically from the dispute's hash, without
 * replacement, from the members of factions not party to the dispute, never a party or a staker of
 * the disputed offer. The eligible members are taken in enrolment order (the ledger's order); draw
 * i picks index keccak256(hash ‖ round ‖ i) mod (members still in the pool), and removes it.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type Faction, type Member } from '../identity/state';

export interface PanelRule {
  /** Factions party to the dispute: their members never sit. */
  readonly partyFactions: readonly Faction[];
  /** DIDs that never sit: the parties, the offer's stakers, panelists of earlier rounds. */
  readonly excluded: readonly string[];
}

/** The members who may sit, in enrolment order. */
export function eligibleMembers(members: Iterable<Member>, rule: PanelRule): string[] {
  const excluded = new Set(rule.excluded);
  const factions = new Set(rule.partyFactions);
  return [...members].filter((m) => !factions.has(m.faction) && !excluded.has(m.did)).map((m) => m.did);
}

/** `size` of `eligible`, drawn without replacement from the seed; null if there are fewer than `size`. */
export function drawPanel(seed: string, round: number, eligible: readonly string[], size: number): string[] | null {
  if (eligible.length < size) return null;
  const pool = [...eligible];
  const seedBytes = hexToBytes(seed.startsWith('0x') ? seed.slice(2) : seed);
  const panel: string[] = [];
  for (let i = 0; i < size; i++) {
    const draw = keccak_256(new Uint8Array([...seedBytes, ...utf8ToBytes(`:${round}:${i}`)]));
    const index = Number(BigInt(`0x${bytesToHex(draw)}`) % BigInt(pool.length));
    panel.push(pool[index]!);
    pool.splice(index, 1);
  }
  return panel;
}
