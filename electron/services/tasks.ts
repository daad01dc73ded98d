/**
 * Long-running work (proving, device prompts, syncing) as tasks with progress and a cancel.
 * Every task reports through the `task.progress` event so that the UI can show a bar and a
 * cancel button without knowing which service runs it.
 */
import { type TaskProgress } from '../../shared/contract/channels';
import { type EventHub } from './events';

export interface TaskHandle {
  readonly taskId: string;
  readonly signal: AbortSignal;
  progress(stage: string, done: number, total: number): void;
}

export interface TaskRegistry {
  run<T>(label: string, work: (task: TaskHandle) => Promise<T>): { taskId: string; result: Promise<T> };
  cancel(taskId: string): boolean;
  readonly running: number;
}

export class TaskCancelledError extends Error {
  constructor(readonly taskId: string) {
    super(`Task ${taskId} was cancelled.`);
    this.name = 'TaskCancelledError';
  }
}

export function createTaskRegistry(hub: EventHub): TaskRegistry {
  const controllers = new Map<string, AbortController>();
  let next = 1;

  return {
    run(label, work) {
      const taskId = `task-${next++}`;
      const controller = new AbortController();
      controllers.set(taskId, controller);
      let last: Omit<TaskProgress, 'state'> = { taskId, label, stage: 'starting', done: 0, total: 0 };
      const emit = (state: TaskProgress['state']) => hub.publish('task.progress', { ...last, state });
      const handle: TaskHandle = {
        taskId,
        signal: controller.signal,
        progress(stage, done, total) {
          last = { taskId, label, stage, done, total };
          if (!controller.signal.aborted) emit('running');
        },
      };
      emit('running');
      const result = (async () => {
        try {
          const value = await work(handle);
          if (controller.signal.aborted) throw new TaskCancelledError(taskId);
          emit('done');
          return value;
        } catch (cause) {
          emit(controller.signal.aborted ? 'cancelled' : 'failed');
          throw controller.signal.aborted && !(cause instanceof TaskCancelledError) ? new TaskCancelledError(taskId) : cause;
        } finally {
          controllers.delete(taskId);
        }
      })();
      return { taskId, result };
    },
    cancel(taskId) {
      const controller = controllers.get(taskId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    get running() {
      return controllers.size;
    },
  };
}
