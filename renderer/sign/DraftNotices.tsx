/** What a form says under its button once drafted: what was typed wrong, or the rule the ledger would refuse (usePreflightedDraft.ts). */
import { PreflightRefusal } from './Notices';
import { type PreflightedDraft } from './usePreflightedDraft';

export function DraftNotices({ draft }: { draft: PreflightedDraft }) {
  return (
    <>
      {draft.problem && (
        <p className="notice notice-error" role="alert" data-testid="draft-problem">
          {draft.problem}
        </p>
      )}
      {draft.refusal && <PreflightRefusal refusal={draft.refusal} />}
    </>
  );
}
