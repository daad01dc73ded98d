/** Says which connected device holds a key (a role's, a signer's) before the member picks a device. */
import { type KeyHolder } from './find-account';
import { deviceName, shortAddress } from './device-words';

export function KeyHolderNote({ holder, whose, hint }: { holder: KeyHolder; /** e.g. "the attestor’s key", "Steward Dana’s key". */ whose: string; hint: string }) {
  return (
    <p className="small" data-testid="key-holder">
      {holder.kind === 'looking' && `Looking for ${whose} on the connected devices…`}
      {holder.kind === 'found' && (
        <>
          {whose.charAt(0).toUpperCase() + whose.slice(1)} (<span className="mono">{shortAddress(holder.address)}</span>) is on{' '}
          <strong>{deviceName(holder.device)}</strong>
          {holder.device.emulated ? ' (emulated device)' : ''}, account {holder.path}.
        </>
      )}
      {holder.kind === 'none' && `None of the connected devices holds ${whose}: ${hint}`}
    </p>
  );
}
