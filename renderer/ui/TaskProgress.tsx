/**
 * Progress of long work (proving, a device prompt, a sync), fed by the `task.progress` event,
 * with a cancel button that goes through the contract. Any flow that starts a task shows it.
 */
import { useEffect, useState } from 'react';
import { type TaskProgress as Progress } from '../../shared/contract/channels';
import { useApi } from '../app/api/client';

/** The latest progress of one task, or null before its first report. */
export function useTaskProgress(taskId: string | null): Progress | null {
  const api = useApi();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!taskId) return;
    return api.on('task.progress', (payload) => {
      if (payload.taskId === taskId) setProgress(payload);
    });
  }, [api, taskId]);
  return progress;
}

export function TaskProgressBar({ progress, cancellable = true }: { progress: Progress; cancellable?: boolean }) {
  const api = useApi();
  const determinate = progress.total > 0;
  const percent = determinate ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : undefined;
  return (
    <div className="task" role="status" aria-live="polite" data-testid="task-progress">
      <div className="task-head">
        <strong>{progress.label}</strong>
        <span className="muted">{progress.state === 'running' ? progress.stage : progress.state}</span>
      </div>
      <progress max={100} value={percent} aria-label={progress.label} />
      {cancellable && progress.state === 'running' && (
        <button type="button" onClick={() => void api.call('task.cancel', { taskId: progress.taskId })}>
          Cancel
        </button>
      )}
    </div>
  );
}
