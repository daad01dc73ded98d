/** eth_signTypedData_v4 JSON of what the Commons asks devices to sign (SPEC §1, §3), integers as decimal strings. */
import { type TypedDataJson } from '../../shared/contract/devices';
import { commonsDomain, enrolmentTypes, vaultActionTypes, type VaultActionMessage } from '../../shared/crypto/eip712';
import { type Hex } from '../../shared/crypto/canonical';

const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'salt', type: 'bytes32' },
];

export function vaultActionTypedDataJson(message: VaultActionMessage): TypedDataJson {
  return {
    domain: { ...commonsDomain(message.commons) },
    types: { EIP712Domain: EIP712_DOMAIN, VaultAction: vaultActionTypes.VaultAction.map((field) => ({ ...field })) },
    primaryType: 'VaultAction',
    message: { ...message, nonce: message.nonce.toString(), validUntil: message.validUntil.toString() },
  };
}

/** What an attestor signs over an enrolment's C and U. */
export function enrolmentTypedDataJson(commons: Hex, commitment: string, nullifier: string): TypedDataJson {
  return {
    domain: { ...commonsDomain(commons) },
    types: { EIP712Domain: EIP712_DOMAIN, Enrolment: enrolmentTypes.Enrolment.map((field) => ({ ...field })) },
    primaryType: 'Enrolment',
    message: { commons, commitment, nullifier },
  };
}
