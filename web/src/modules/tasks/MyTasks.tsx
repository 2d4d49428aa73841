// "My tasks" (/tasks): the signed-in user's open tasks by window — overdue, due today, upcoming —
// with a form to add one. Each window follows task events live.
import { useState } from 'react';
import type { Page } from '../../api/client';
import { useLiveEvents, useLiveReset } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { NewTaskForm } from './NewTaskForm';
import { TaskItem } from './TaskItem';
import { DUE_WINDOW_TITLES, DUE_WINDOWS, myTasksPath, type DueWindow, type Task } from './types';

export function MyTasks() {
  const [adding, setAdding] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <section className="my-tasks" aria-labelledby="my-tasks-title">
      <div className="page-header">
        <h1 id="my-tasks-title">My tasks</h1>
        <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
          {adding ? 'Close' : 'New task'}
        </button>
      </div>
      {adding && (
        <NewTaskForm
          onCreated={() => {
            setAdding(false);
            setGeneration((g) => g + 1);
          }}
        />
      )}
      {DUE_WINDOWS.map((due) => (
        <TaskWindow key={`${due}-${generation}`} due={due} />
      ))}
    </section>
  );
}

/** One window of my tasks; `compact` for the home screen (fewer, no empty-state chatter). */
export function TaskWindow({ due, limit = 50, headingLevel = 'h2' }: { due: DueWindow; limit?: number; headingLevel?: 'h2' | 'h3' }) {
  // The day boundary is taken when the window mounts: a page left open past midnight reloads.
  const [now] = useState(() => new Date());
  const tasks = useApi<Page<Task>>(myTasksPath(due, now, limit));
  useLiveEvents('task.', () => tasks.reload());
  useLiveReset(() => tasks.reload());
  const Heading = headingLevel;
  const titleId = `tasks-${due}-${headingLevel}`;
  const shown = tasks.data?.data ?? [];
  return (
    <section className={`task-window task-window-${due}`} aria-labelledby={titleId}>
      <Heading id={titleId}>
        {DUE_WINDOW_TITLES[due]}
        {tasks.data && <span className="count"> ({shown.length}{tasks.data.next_cursor ? '+' : ''})</span>}
      </Heading>
      {tasks.loading && !tasks.data && <Loading what="tasks" />}
      {tasks.error !== undefined && <ErrorNote error={tasks.error} onRetry={tasks.reload} />}
      {tasks.data && shown.length === 0 && <Empty>Nothing {due === 'overdue' ? 'overdue' : due === 'today' ? 'due today' : 'coming up'}.</Empty>}
      <ul className="task-list">
        {shown.map((task) => (
          <TaskItem key={task.id} task={task} onChanged={() => tasks.reload()} />
        ))}
      </ul>
    </section>
  );
}
