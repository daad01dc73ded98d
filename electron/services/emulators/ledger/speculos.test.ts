import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SpeculosHttpTransport from '@ledgerhq/hw-transport-node-speculos-http';
import Eth from '@ledgerhq/hw-app-eth';
import { LedgerEmulator } from './device';
import { startSpeculosServer, type SpeculosServer } from './speculos';
import { controlRoutes } from '../control';

let device: LedgerEmulator;
let server: SpeculosServer;
const OFFLINE = { calServiceURL: null, cryptoassetsBaseURL: null, pluginBaseURL: null, nftExplorerBaseURL: null, extraPlugins: null };

beforeAll(async () => {
  device = new LedgerEmulator();
  server = await startSpeculosServer(device, { port: 0, extraRoutes: controlRoutes({ ledger: device }) });
});
afterAll(() => server.close());

describe('the Ledger emulator behind the Speculos REST API', () => {
  it('is driven by hw-transport-node-speculos-http: APDUs, screen events, buttons', async () => {
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const texts: string[] = [];
    transport.automationEvents.subscribe((e) => {
      texts.push(String(e.text));
      if (e.text === 'Verify address') void transport.button('both');
    });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    const r = await eth.getAddress("44'/60'/0'/0/0", true);
    expect(r.address).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D');
    expect(texts).toContain('Verify address');
    await transport.close();
  });

  it('rejects and locks through the control API', async () => {
    const transport = await SpeculosHttpTransport.open({ baseURL: 'http://127.0.0.1', apiPort: String(server.port) });
    const eth = new Eth(transport as never, 'w0w', OFFLINE as never);
    device.once('prompt', () => void fetch(`${server.url}/c3/ledger/reject`, { method: 'POST' }));
    await expect(eth.signPersonalMessage("44'/60'/0'/0/0", '6869')).rejects.toMatchObject({ statusCode: 0x6985 });
    await fetch(`${server.url}/c3/ledger/lock`, { method: 'POST' });
    await expect(eth.getAddress("44'/60'/0'/0/0")).rejects.toMatchObject({ statusCode: 0x5515 });
    const state = (await (await fetch(`${server.url}/c3/state`)).json()) as { ledger: { locked: boolean } };
    expect(state.ledger.locked).toBe(true);
    await fetch(`${server.url}/c3/ledger/unlock`, { method: 'POST' });
    await transport.close();
  });
});
