/**
 * Every error kind the renderer can meet, turned into words for the person in front of the
 * screen, in one place. Screens never show `message` strings from the services raw, and
 * nothing parses them: they switch on `kind` and read the numbers.
 */
import { type AppError } from '../../shared/contract/errors';

export interface ErrorWords {
  title: string;
  detail: string;
  /** What the person can do next, when there is something. */
  next?: string;
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

export function describeError(error: AppError): ErrorWords {
  switch (error.kind) {
    case 'BridgeUnavailable':
      return {
        title: 'The app’s background services are not answering',
        detail: 'The window lost its connection to the part of C3 Vault that talks to your devices and checks the ledger.',
        next: 'If you started the app with npm run start:browser, check that the terminal is still running, then reload this page.',
      };
    case 'SenderRejected':
      return { title: 'Refused', detail: 'Only the app’s own window may use its services.' };
    case 'UnknownChannel':
      return {
        title: 'This window and the app’s services are different versions',
        detail: `The window asked for “${text(error['channel'])}”, which the services do not offer.`,
        next: 'Restart the app so that both parts come from the same version.',
      };
    case 'InvalidRequest': {
      // A derivation path is the member's input: say which part is wrong, not "a bug".
      const pathIssue = Array.isArray(error['issues'])
        ? (error['issues'] as unknown[]).find((issue): issue is { path: string; message: string } => typeof issue === 'object' && issue !== null && (issue as { path?: unknown }).path === 'path')
        : undefined;
      if (pathIssue) return pathWords(pathIssue.message);
      return {
        title: 'The request was not sent',
        detail: `The app refused a request for “${text(error['channel'])}” because it did not match what the service accepts.`,
        next: 'This is a bug in C3 Vault; please report it with what you were doing.',
      };
    }
    case 'InvalidPath':
      return pathWords(error.message);
    case 'CancelledInApp':
      return { title: 'Cancelled in C3 Vault', detail: error.message, ...(typeof error['nextStep'] === 'string' ? { next: error['nextStep'] } : {}) };
    case 'RejectedOnDevice':
      return { title: 'Rejected on the device', detail: error.message, ...(typeof error['nextStep'] === 'string' ? { next: error['nextStep'] } : {}) };
    case 'InvalidResponse':
    case 'ServiceFailed':
      return {
        title: 'Something went wrong inside C3 Vault',
        detail: `The service behind “${text(error['channel'])}” failed. Nothing was signed or changed.`,
        next: 'Try again; if it keeps happening, restart the app and report it.',
      };
    case 'MessageTooDeep':
    case 'MessageTooLarge':
    case 'MessagePartTooLong':
    case 'MessageNotJson':
      return {
        title: 'The request was not read',
        detail: `The app’s services refused a request for “${text(error['channel'])}” because of its shape or size, before looking inside it. Nothing was signed or changed.`,
        next: 'If you were importing or signing something very large, try a smaller one; otherwise this is a bug in C3 Vault, please report it.',
      };
    case 'CallRateExceeded':
      return {
        title: 'Too many requests at once',
        detail: `This window asked the app’s services more than ${text(error['callsPerSecond'])} times a second, so “${text(error['channel'])}” was not run. Nothing was changed.`,
        next: 'Wait a moment and try again.',
      };
    case 'Cancelled':
      return { title: 'Cancelled', detail: 'The task was cancelled before it finished. Nothing was changed.' };
    case 'DuplicateScopeNullifier':
      return {
        title: 'You have already voted on this proposal',
        detail: 'Each member has one ballot per proposal, and ballots are final. Your ballot is anonymous, so this one was refused by its nullifier, not by your name.',
      };
    case 'DuplicateNullifier':
      return {
        title: 'This person is already enrolled in this Commons',
        detail: 'The uniqueness nullifier of this capture is already in the ledger: one person, one membership per Commons.',
        next: 'If you lost access to your first membership, ask the stewards to recover it rather than enrolling again.',
      };
    default:
      // A ledger rule broken by an entry of a log (shared/commons/errors.ts): name the entry.
      if (typeof error['seq'] === 'number') {
        const action = typeof error['action'] === 'number' ? `, action ${error['action']}` : '';
        return {
          title: 'The Commons ledger did not verify',
          detail: `Entry ${error['seq']}${action} breaks the rule ${error.kind}. ${error.message}`,
          next: 'Nothing from this log was stored. Ask the Commons’ stewards for an untampered copy.',
        };
      }
      // Device and service errors carry the next step in plain words.
      return { title: 'The action could not be completed', detail: error.message, ...(typeof error['nextStep'] === 'string' ? { next: error['nextStep'] } : {}) };
  }
}

function pathWords(problem: string): ErrorWords {
  return { title: 'This derivation path is not valid', detail: problem, next: "Correct the path (for example m/44'/60'/0'/0/0) and try again." };
}
