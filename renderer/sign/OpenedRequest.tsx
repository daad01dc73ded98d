/**
 * A page's signing request, opened from one of its forms: who must sign is read from the verified
 * ledger when it opens (authority.ts) and kept, so that the request still shows its quorum once
 * executed (a stake that closed its request, an offer that moved on). Collect.tsx does the rest:
 * words, hashes, devices, submission.
 */
import { type ReactNode, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type Authority, authorityOf } from '../../shared/quorum/authority';
import { type SigningRequest } from '../../shared/quorum/request';
import { Collect } from './Collect';

interface Opened {
  readonly request: SigningRequest;
  readonly authority: Authority;
}

export interface OpenedRequest {
  /** A request is being collected: the page hides its forms meanwhile. */
  readonly active: boolean;
  readonly open: (request: SigningRequest) => void;
  /** The Collect card, the reason a request could not open, or nothing. */
  readonly panel: ReactNode;
}

export function useOpenedRequest(commons: CommonsView, onSequenced: () => void): OpenedRequest {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = (request: SigningRequest) => {
    const found = authorityOf(commons, request.action);
    if (!found.ok) return setProblem(found.error.message);
    setProblem(null);
    setOpened({ request, authority: found.value });
  };
  const panel = (
    <>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {opened && (
        <Collect
          commons={commons}
          request={opened.request}
          authority={opened.authority}
          onChange={(request) => setOpened({ ...opened, request })}
          onClose={() => setOpened(null)}
          onSequenced={onSequenced}
        />
      )}
    </>
  );
  return { active: opened !== null, open, panel };
}
