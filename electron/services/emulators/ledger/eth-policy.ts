/**
 * What the Ethereum app decides by its version and settings, read from app-ethereum's sources:
 * the GET APP CONFIGURATION flags, the derivation paths the app may use, the networks it names,
 * and which requests need the "Blind signing" setting.
 */
import { type EthereumSettings } from './eth-screens';

/** 1.13.0 < 1.9.19, numerically. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const b = minimum.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** GET APP CONFIGURATION's flags byte (src_features/getAppConfiguration, src/apdu_constants.h). */
export const APP_FLAG = {
  /** N_storage.dataAllowed: the "Blind signing" setting (hw-app-eth's arbitraryDataEnabled). */
  DATA_ALLOWED: 0x01,
  /** Token metadata must come from the host (APDU 0x0A); set once the built-in token list went, 1.4.0. */
  EXTERNAL_TOKEN_NEEDED: 0x02,
  /** Starkware support, in the Ethereum builds from 1.4.0 until it was removed in 1.10.4. */
  STARKWARE: 0x04,
  /** Starkex v2, from 1.6.2 until 1.10.4. */
  STARKWARE_V2: 0x08,
} as const;

/**
 * The flags the app reports. The transaction-check flags (0x10, 0x20) exist only on Stax and Flex
 * builds from 1.16.0 and are off until the person opts in, so they are never set here.
 */
export function appConfigurationFlags(version: string, settings: Readonly<EthereumSettings>): number {
  let flags = settings.blindSigning ? APP_FLAG.DATA_ALLOWED : 0;
  if (versionAtLeast(version, '1.4.0')) flags |= APP_FLAG.EXTERNAL_TOKEN_NEEDED;
  const stark = versionAtLeast(version, '1.4.0') && !versionAtLeast(version, '1.10.4');
  if (stark) flags |= APP_FLAG.STARKWARE;
  if (stark && versionAtLeast(version, '1.6.2')) flags |= APP_FLAG.STARKWARE_V2;
  return flags;
}

const H = 0x80000000;

/**
 * The derivation paths the app was installed with (PATH_APP_LOAD_PARAMS: makefile_conf/chain/
 * ethereum.mk and the Makefile). BOLOS refuses any other with 0x4215 (SWO_PAR_VAL_15), which the
 * app's main loop reports as 0x6800 | (0x4215 & 0x7FF) = 0x6A15.
 */
export function allowedPathPrefixes(version: string): number[][] {
  const prefixes = [[44 + H, 60 + H], [45 + H], [12381, 3600]];
  // "44'/1'" (testnets) was dropped in 1.20.0; the Starkware path left with Starkware in 1.10.4.
  if (!versionAtLeast(version, '1.20.0')) prefixes.push([44 + H, 1 + H]);
  if (!versionAtLeast(version, '1.10.4')) prefixes.push([2645 + H, 579218131 + H]);
  return prefixes;
}

export const PATH_REFUSED = 0x6a15;

export function pathAllowed(indices: readonly number[], version: string): boolean {
  return allowedPathPrefixes(version).some((prefix) => prefix.length <= indices.length && prefix.every((v, i) => indices[i] === v));
}

/** Since 1.12.0 EIP-712 messages the app cannot clear-sign need "Blind signing" (or "Raw messages" for the full mode). */
export const EIP712_FRICTION_SINCE = '1.12.0';

/** A few of src/network.c's networks: chain id → name and ticker. Unknown chains show their number and "???". */
const NETWORKS: Record<string, { name: string; ticker: string }> = {
  '1': { name: 'Ethereum', ticker: 'ETH' },
  '5': { name: 'Goerli', ticker: 'ETH' },
  '10': { name: 'OP Mainnet', ticker: 'ETH' },
  '56': { name: 'BSC', ticker: 'BNB' },
  '137': { name: 'Polygon', ticker: 'POL' },
  '8453': { name: 'Base', ticker: 'ETH' },
  '17000': { name: 'Holesky', ticker: 'ETH' },
  '42161': { name: 'Arbitrum', ticker: 'ETH' },
  '11155111': { name: 'Sepolia', ticker: 'ETH' },
};

export const networkName = (chainId: bigint): string => NETWORKS[chainId.toString()]?.name ?? chainId.toString();
export const networkTicker = (chainId: bigint): string => NETWORKS[chainId.toString()]?.ticker ?? '???';

/** amountToString: "<ticker> <value with its decimals, trailing zeros dropped>", e.g. "ETH 0.0044001". */
export function formatAmount(value: bigint, decimals: number, ticker: string): string {
  const base = 10n ** BigInt(decimals);
  const whole = value / base;
  const fraction = (value % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${ticker} ${whole.toString()}${fraction ? `.${fraction}` : ''}`;
}
