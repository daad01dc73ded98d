/** The latest progress of the tasks with a given label (a proof, a sync), for flows that start them through a call. */
import { useEffect, useState } from 'react';
import { type TaskProgress } from '../../shared/contract/channels';
import { useApi } from '../app/api/client';

export function useLatestTask(label: string): TaskProgress | null {
  const api = useApi();
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  useEffect(
    () =>
      api.on('task.progress', (payload) => {
        if (payload.label === label) setProgress(payload);
      }),
    [api, label],
  );
  return progress;
}
