import { type Address } from './state';

const PKH = /^did:pkh:eip155:1:(0x[0-9a-f]{40})$/;
const KEY = /^did:key:z[1-9A-HJ-NP-Za-km-z]{20,200}$/;

/** SPEC §1: a DID is `did:pkh:eip155:1:<address>` of the primary hardware key, or a `did:key`. */
export const isDid = (did: string): boolean => PKH.test(did) || KEY.test(did);

/** The primary key's address of a did:pkh, or null for a did:key. */
export const didAddress = (did: string): Address | null => (PKH.exec(did)?.[1] as Address | undefined) ?? null;

export const pkhDid = (address: string): string => `did:pkh:eip155:1:${address.toLowerCase()}`;
