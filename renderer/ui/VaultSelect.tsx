/** Which vault a page acts from (a member's vault: their offers, stakes and loans), chosen among the Commons' vaults. */
import { type VaultView } from '../../shared/contract/commons-view';

export function VaultSelect({ label, vaults, value, onChange }: { label: string; vaults: readonly VaultView[]; value: string; onChange: (address: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        {vaults.map((v) => (
          <option key={v.address} value={v.address}>
            {v.name} ({v.threshold}-of-{v.signers.length})
          </option>
        ))}
      </select>
    </label>
  );
}
