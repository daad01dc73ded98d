import { describe, expect, it } from 'vitest';
import { type TaskProgress } from '../../shared/contract/channels';
import { createEventHub } from './events';
import { TaskCancelledError, createTaskRegistry } from './tasks';

function recorder() {
  const hub = createEventHub();
  const seen: TaskProgress[] = [];
  hub.subscribe((event, payload) => {
    if (event === 'task.progress') seen.push(payload);
  });
  return { hub, seen };
}

describe('tasks', () => {
  it('report progress and finish as done', async () => {
    const { hub, seen } = recorder();
    const tasks = createTaskRegistry(hub);
    const { taskId, result } = tasks.run('Proving membership', async (task) => {
      task.progress('witness', 1, 3);
      task.progress('proving', 2, 3);
      return 42;
    });
    expect(await result).toBe(42);
    expect(seen.map((p) => [p.taskId, p.stage, p.state])).toEqual([
      [taskId, 'starting', 'running'],
      [taskId, 'witness', 'running'],
      [taskId, 'proving', 'running'],
      [taskId, 'proving', 'done'],
    ]);
    expect(tasks.running).toBe(0);
  });

  it('cancel through the signal, and say so', async () => {
    const { hub, seen } = recorder();
    const tasks = createTaskRegistry(hub);
    const { taskId, result } = tasks.run('Waiting for the device', (task) => new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    expect(tasks.cancel(taskId)).toBe(true);
    await expect(result).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen.at(-1)?.state).toBe('cancelled');
    expect(tasks.cancel(taskId)).toBe(false);
  });

  it('report a failure as failed', async () => {
    const { hub, seen } = recorder();
    const { result } = createTaskRegistry(hub).run('Sync', async () => {
      throw new Error('disk full');
    });
    await expect(result).rejects.toThrow('disk full');
    expect(seen.at(-1)?.state).toBe('failed');
  });
});
