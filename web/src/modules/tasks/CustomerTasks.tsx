// The Tasks card on a customer's page: their open tasks by due time (GET /tasks?customer_id=…)
// and a form to add one about them; follows task events for this customer live.
import { useState } from 'react';
import type { Page } from '../../api/client';
import { useLiveEvents } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { NewTaskForm } from './NewTaskForm';
import { TaskItem } from './TaskItem';
import { eventTask, type Task } from './types';

export function CustomerTasks({ customerId, canCreate }: { customerId: string; canCreate: boolean }) {
  const tasks = useApi<Page<Task>>(`/tasks?customer_id=${encodeURIComponent(customerId)}&status=open&limit=50`);
  const [adding, setAdding] = useState(false);
  useLiveEvents('task.', (event) => {
    if (eventTask(event)?.customer_id === customerId) tasks.reload();
  });
  const shown = tasks.data?.data ?? [];
  return (
    <section className="customer-tasks" aria-labelledby={`tasks-of-${customerId}`}>
      <div className="section-header">
        <h2 id={`tasks-of-${customerId}`}>Tasks</h2>
        {canCreate && (
          <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            {adding ? 'Close' : 'Add task'}
          </button>
        )}
      </div>
      {adding && (
        <NewTaskForm
          customerId={customerId}
          onCreated={() => {
            setAdding(false);
            tasks.reload();
          }}
        />
      )}
      {tasks.loading && !tasks.data && <Loading what="tasks" />}
      {tasks.error !== undefined && <ErrorNote error={tasks.error} onRetry={tasks.reload} />}
      {tasks.data && shown.length === 0 && <Empty>No open tasks.</Empty>}
      <ul className="task-list">
        {shown.map((task) => (
          <TaskItem key={task.id} task={task} showCustomer={false} onChanged={() => tasks.reload()} />
        ))}
      </ul>
    </section>
  );
}
