/** The BN254 scalar field that the circuits compute in, and how outside values enter it. */

/** r: the order of BN254's G1, the field of every circuit signal. */
export const SNARK_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** A 32-byte hash (a Commons id, a proposal id) as a field element: reduced mod r. */
export const fieldOfHash = (hex: string): bigint => BigInt(hex) % SNARK_FIELD;

/** A field element in its one canonical form: a decimal below r, without sign or leading zeros. */
export const isFieldElement = (value: string): boolean => /^(0|[1-9][0-9]{0,77})$/.test(value) && BigInt(value) < SNARK_FIELD;

/**
 * A 32-byte id that enters a circuit (a proposal, as a ballot's scope) in its canonical form: below
 * r. An id at or above r would share its field element with the id r below it, so one proof would
 * count for both; ids are made canonical where they are created (`fieldId`) and refused otherwise.
 */
export const isCanonicalFieldId = (hex: string): boolean => BigInt(hex) < SNARK_FIELD;

/** A hash made into a canonical id: reduced mod r, as 32-byte lower-case hex. */
export const fieldId = (hex: string): `0x${string}` => `0x${fieldOfHash(hex).toString(16).padStart(64, '0')}`;

/** Factions and tiers as the credential circuit encodes them (circuits/credential.circom). */
export const FACTION_CODE = { Union: 1n, Guild: 2n, Syndicate: 3n } as const;
export const TIER_CODE = { None: 0n, Bronze: 1n, Silver: 2n, Gold: 3n } as const;
/** Names by code: FACTION_NAMES[code - 1] (0 claims no faction), TIER_NAMES[code]. */
export const FACTION_NAMES = Object.keys(FACTION_CODE) as (keyof typeof FACTION_CODE)[];
export const TIER_NAMES = Object.keys(TIER_CODE) as (keyof typeof TIER_CODE)[];
/** A ballot's choice as the membership circuit's bound message. */
export const CHOICE_CODE = { yes: 1n, no: 2n, abstain: 3n } as const;
