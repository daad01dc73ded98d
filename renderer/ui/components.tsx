/** Small shared pieces: cards, badges, notices. */
import { type ReactNode } from 'react';
import { type ShownError, describeError } from './describe-error';

export function Card({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="card">
      <header className="card-header">
        <h2>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}

export function Badge({ tone = 'neutral', children, title }: { tone?: 'neutral' | 'demo' | 'emulated' | 'ok' | 'warn'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** The label every emulated device carries wherever it appears. */
export function EmulatedBadge() {
  return (
    <Badge tone="emulated" title="A test and demo device built into C3 Vault. Its keys are public: never use it for real funds.">
      emulated device
    </Badge>
  );
}

/** An error, in the words of its kind's registry (./describe-error.ts). */
export function ErrorNotice({ error, onRetry }: { error: ShownError; onRetry?: () => void }) {
  const words = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{words.title}</strong>
      <p>{words.detail}</p>
      {words.next && <p className="notice-next">{words.next}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
