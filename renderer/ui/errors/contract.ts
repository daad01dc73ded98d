/** The contract's own errors (shared/contract/errors.ts), which any row may answer, in words. */
import { type ContractError } from '../../../shared/contract/errors';
import { type ErrorWords, type WordsFor } from './words';

const notRead = (channel: string): ErrorWords => ({
  title: 'The request was not read',
  detail: `The app’s services refused a request for “${channel}” because of its shape or size, before looking inside it. Nothing was signed or changed.`,
  next: 'If you were importing or signing something very large, try a smaller one; otherwise this is a bug in C3 Vault, please report it.',
});

const insideFailure = (channel: string): ErrorWords => ({
  title: 'Something went wrong inside C3 Vault',
  detail: `The service behind “${channel}” failed. Nothing was signed or changed.`,
  next: 'Try again; if it keeps happening, restart the app and report it.',
});

/** A derivation path is the member's input: the words say which part to correct, not "a bug". */
export const pathWords = (problem: string): ErrorWords => ({ title: 'This derivation path is not valid', detail: problem, next: "Correct the path (for example m/44'/60'/0'/0/0) and try again." });

export const contractWords: WordsFor<ContractError> = {
  BridgeUnavailable: () => ({
    title: 'The app’s background services are not answering',
    detail: 'The window lost its connection to the part of C3 Vault that talks to your devices and checks the ledger.',
    next: 'If you started the app with npm run start:browser, check that the terminal is still running, then reload this page.',
  }),
  SenderRejected: () => ({ title: 'Refused', detail: 'Only the app’s own window may use its services.' }),
  UnknownChannel: (e) => ({
    title: 'This window and the app’s services are different versions',
    detail: `The window asked for “${e.channel}”, which the services do not offer.`,
    next: 'Restart the app so that both parts come from the same version.',
  }),
  InvalidRequest: (e) => {
    const pathIssue = e.issues.find((issue) => issue.path === 'path');
    if (pathIssue) return pathWords(pathIssue.message);
    return {
      title: 'The request was not sent',
      detail: `The app refused a request for “${e.channel}” because it did not match what the service accepts.`,
      next: 'This is a bug in C3 Vault; please report it with what you were doing.',
    };
  },
  InvalidResponse: (e) => insideFailure(e.channel),
  ServiceFailed: (e) => insideFailure(e.channel),
  UndeclaredError: (e) => insideFailure(e.channel),
  MessageTooDeep: (e) => notRead(e.channel),
  MessageTooLarge: (e) => notRead(e.channel),
  MessagePartTooLong: (e) => notRead(e.channel),
  MessageNotJson: (e) => notRead(e.channel),
  CallRateExceeded: (e) => ({
    title: 'Too many requests at once',
    detail: `This window asked the app’s services more than ${e.callsPerSecond} times a second, so “${e.channel}” was not run. Nothing was changed.`,
    next: 'Wait a moment and try again.',
  }),
  Cancelled: () => ({ title: 'Cancelled', detail: 'The task was cancelled before it finished. Nothing was changed.' }),
};
