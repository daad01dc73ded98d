import { describe, expect, it } from 'vitest';
import { isOwnDownload, proposedFileName } from './downloads';

describe('downloads in the desktop app', () => {
  it('lets through only blobs the app itself made', () => {
    expect(isOwnDownload('blob:c3://app/5d1c0b0e-3c1f-4bb5-9a55-2f8b8e0e5a11', 'c3://app')).toBe(true);
    expect(isOwnDownload('blob:http://localhost:5173/5d1c0b0e', 'http://localhost:5173')).toBe(true);
    expect(isOwnDownload('https://example.com/wallet-update.exe', 'c3://app')).toBe(false);
    expect(isOwnDownload('blob:https://evil.example/5d1c0b0e', 'c3://app')).toBe(false);
    expect(isOwnDownload('blob:c3://app.evil/5d1c0b0e', 'c3://app')).toBe(false);
    expect(isOwnDownload('data:application/json,{}', 'c3://app')).toBe(false);
  });

  it('proposes a plain file name, never a path', () => {
    expect(proposedFileName('c3-signing-request-Commons-treasury-4.json')).toBe('c3-signing-request-Commons-treasury-4.json');
    expect(proposedFileName('../../.bashrc')).toBe('bashrc');
    expect(proposedFileName('C:\\Windows\\evil file.json')).toBe('evil-file.json');
    expect(proposedFileName('')).toBe('c3-vault-file.json');
  });
});
