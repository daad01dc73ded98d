/** The renderer's ledger client asks main, for its own workspace only; it folds nothing itself. */
import { describe, expect, it } from 'vitest';
import { type CommonsSummary } from '../../shared/contract/ledger';
import { type Api } from '../app/api/client';
import { ledgerClient } from './client';

const summary = (n: number): CommonsSummary => ({ commonsId: `0x${String(n).repeat(64)}`, name: `Commons ${n}`, height: n, headHash: `0x${'0'.repeat(64)}`, verifiedAt: null, setAside: null });

/** An Api whose answers are given per channel, recording what was asked. */
function fakeApi(answers: Record<string, (request: never) => unknown>) {
  const asked: [string, unknown][] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api = {
    shell: 'browser',
    call: async (channel: string, request: unknown) => {
      asked.push([channel, request]);
      return answers[channel]!(request as never);
    },
    on: (_event: string, listener: (payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Api;
  return { api, asked, emit: (payload: unknown) => listeners.forEach((l) => l(payload)) };
}

describe('the renderer’s ledger client', () => {
  it('opens the Commons it was showing when main still stores it, else the first; none when the workspace holds none', async () => {
    const { api, asked } = fakeApi({
      'ledger.list': () => ({ ok: true, value: { commons: [summary(1), summary(2)] } }),
      'ledger.state': (request: { commonsId: string }) => ({ ok: true, value: { commonsId: request.commonsId } }),
    });
    const client = ledgerClient(api, 'real');
    expect(await client.open(summary(2).commonsId.toUpperCase().replace('0X', '0x'))).toMatchObject({ ok: true, value: { summary: { name: 'Commons 2' } } });
    expect(await client.open(`0x${'9'.repeat(64)}`)).toMatchObject({ ok: true, value: { summary: { name: 'Commons 1' } } });
    expect(asked.filter(([c]) => c === 'ledger.list').every(([, r]) => (r as { workspace: string }).workspace === 'real')).toBe(true);

    const empty = ledgerClient(fakeApi({ 'ledger.list': () => ({ ok: true, value: { commons: [] } }) }).api, 'demo');
    expect(await empty.open(null)).toEqual({ ok: true, value: null });
  });

  it('passes main’s refusal on as it is', async () => {
    const error = { kind: 'BridgeUnavailable', message: 'down', reason: 'closed' };
    const client = ledgerClient(fakeApi({ 'ledger.list': () => ({ ok: false, error }) }).api, 'demo');
    expect(await client.open(null)).toEqual({ ok: false, error });
  });

  it('hears changes of its own workspace only', () => {
    const { api, emit } = fakeApi({});
    const heard: string[] = [];
    const off = ledgerClient(api, 'demo').onChanged(() => heard.push('demo'));
    emit({ workspace: 'real', commonsId: summary(1).commonsId, height: 2, headHash: summary(1).headHash });
    emit({ workspace: 'demo', commonsId: summary(1).commonsId, height: 3, headHash: summary(1).headHash });
    off();
    emit({ workspace: 'demo', commonsId: summary(1).commonsId, height: 4, headHash: summary(1).headHash });
    expect(heard).toEqual(['demo']);
  });
});
