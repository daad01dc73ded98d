import { describe, expect, it } from 'vitest';
import { type DeviceInfo } from '../../shared/contract/devices';
import { automaticChoice, whyNotReady } from './device-choice';
import { actionWords, deviceName, stateWords } from './device-words';

const device = (id: string, over: Partial<DeviceInfo> = {}): DeviceInfo => ({
  id,
  vendor: 'ledger',
  model: 'Ledger Nano S Plus',
  label: 'Emulated Ledger Nano S Plus',
  firmwareVersion: '1.3.0',
  app: { name: 'Ethereum', version: '1.13.0' },
  state: 'connected',
  emulated: true,
  firstAddress: null,
  prompt: null,
  ...over,
});

describe('which device the picker offers first', () => {
  it('never defaults to a locked device when another can sign', () => {
    const locked = device('a', { state: 'locked' });
    const ready = device('b');
    expect(automaticChoice([locked, ready], '')?.id).toBe('b');
    // Chosen while it was the only one, then another that can sign appears: the picker moves.
    expect(automaticChoice([locked], '')?.id).toBe('a');
    expect(automaticChoice([locked, ready], 'a')?.id).toBe('b');
  });

  it('nor to a disconnected device or a Ledger without its Ethereum app', () => {
    const gone = device('a', { state: 'disconnected' });
    const dashboard = device('b', { app: { name: 'BOLOS', version: '1.3.0' } });
    const ready = device('c');
    expect(automaticChoice([gone, dashboard, ready], '')?.id).toBe('c');
    expect(automaticChoice([gone, dashboard], '')?.id).toBe('b');
  });

  it('keeps the device of a request in flight chosen while it is busy', () => {
    const signing = device('a', { state: 'awaiting-confirmation' });
    expect(automaticChoice([signing, device('b')], 'a')?.id).toBe('a');
  });

  it('says why a device is not ready, in words', () => {
    expect(whyNotReady(device('a', { state: 'locked' }))).toBe('locked: unlock it with your PIN');
    expect(whyNotReady(device('a', { app: { name: 'Bitcoin', version: '2.2.3' } }))).toBe('the Bitcoin app is open: open the Ethereum app on it');
    expect(whyNotReady(device('a'))).toBeNull();
  });
});

describe('states and prompts are words, not identifiers', () => {
  it('names every state and every prompt the devices send in words', () => {
    for (const words of Object.values(stateWords)) expect(words).not.toMatch(/-/);
    // The prompts the Ledger and Trezor emulators (and their firmware flows) name.
    for (const action of ['verify-address', 'sign-message', 'sign-typed-data', 'sign-transaction', 'export-public-key', 'enter-pin']) {
      expect(actionWords(action)).not.toMatch(/^[a-z]+([-_][a-z]+)+$/);
      expect(actionWords(action)).toMatch(/^[A-Z][a-z]* /);
    }
    expect(actionWords('sign-typed-data')).toBe('Sign structured data (EIP-712)');
    expect(actionWords('some_new-flow')).toBe('Some new flow');
  });

  it('tells two devices of one model apart by their first address', () => {
    const a = device('a', { firstAddress: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
    const b = device('b', { firstAddress: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94' });
    expect(deviceName(a)).toBe('Emulated Ledger Nano S Plus · 0xDad7…6D8D');
    expect(deviceName(b)).toBe('Emulated Ledger Nano S Plus · 0x9858…da94');
  });
});
