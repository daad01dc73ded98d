import { describe, expect, it } from 'vitest';
import { importedWords } from './ImportLedger';

describe('what an import says when it succeeds', () => {
  it('a file whose entries were all stored already is said as a success with nothing new, not as “0 entries stored”', () => {
    expect(importedWords({ added: 0, skipped: 12 })).toBe('Nothing new: this app already holds every entry of this file (12 entries), verified.');
  });

  it('an update names what it added and what was already there', () => {
    expect(importedWords({ added: 1, skipped: 12 })).toBe('Verified and stored 1 entry; the 12 entries before them were already stored.');
    expect(importedWords({ added: 30, skipped: 0 })).toBe('Verified and stored 30 entries.');
  });
});
