// The chatbot's guided flows and human-only topics (administrators; docs/design/chatbot.md
// § Guided flows): each flow is a button that opens it and a few steps; each step has text and
// buttons that lead to another step or act (a person, the visitor's orders, an article). The
// server checks the whole tree; its errors name the place ("flows[0].steps[1].buttons[0].next"),
// shown here in words.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Field, TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';
import type { BotButton, BotFlow, BotSettings, BotStep } from './types';

const ACTIONS = [
  { value: 'human', label: 'Hand over to a person' },
  { value: 'orders', label: 'Show the visitor’s orders' },
  { value: 'article', label: 'Answer with an article' },
];

/** "flows[0].steps[1].buttons[2].next" in words: "Flow 1, step 2, button 3 (next)". */
export function describePath(path: string): string {
  const parts = [...path.matchAll(/(flows|steps|buttons)\[(\d+)\]/g)].map(
    ([, kind, index]) => `${{ flows: 'Flow', steps: 'step', buttons: 'button' }[kind as 'flows' | 'steps' | 'buttons']} ${Number(index) + 1}`,
  );
  const field = path.split('.').at(-1)?.replace(/\[\d+\]$/, '');
  return parts.length ? `${parts.join(', ')}${field && !/^(flows|steps|buttons)$/.test(field) ? ` (${field})` : ''}` : path;
}

export function BotFlowsEditor() {
  const settings = useApi<BotSettings>('/chat/bot');
  // Kept here: the form below starts afresh from each saved version.
  const [saved, setSaved] = useState(false);
  if (settings.error !== undefined && !settings.data) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading what="the chatbot's flows" />;
  return (
    <FlowsForm
      key={settings.data.version}
      value={settings.data}
      saved={saved}
      setSaved={setSaved}
      onSaved={(v) => settings.setData(() => v)}
    />
  );
}

interface FlowsFormProps {
  value: BotSettings;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: (v: BotSettings) => void;
}

function FlowsForm({ value, saved, setSaved, onSaved }: FlowsFormProps) {
  const [flows, setFlows] = useState<BotFlow[]>(value.flows);
  const [topics, setTopics] = useState(value.human_only_topics.join(', '));
  const [error, setError] = useState<string | null>(null);

  const changeFlow = (at: number, change: (flow: BotFlow) => BotFlow) => setFlows((all) => all.map((f, i) => (i === at ? change(f) : f)));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const next = await api<BotSettings>('PUT', '/chat/bot', {
        body: { flows, human_only_topics: topics.split(/[\s,]+/).filter(Boolean) },
      });
      setSaved(true);
      onSaved(next);
    } catch (err) {
      const placed = placeErrors(err, () => null);
      setError(placed.rest ? placed.rest.replace(/((?:flows|human_only_topics)[\w.[\]]*):/g, (_, path: string) => `${describePath(path)}:`) : null);
    }
  };

  return (
    <section className="card" aria-labelledby="bot-flows-title">
      <h2 id="bot-flows-title">Chatbot</h2>
      <p>
        The bot answers from the published help center. Guided flows are offered as buttons when it greets a visitor or has no answer.
      </p>
      <form onSubmit={(e) => void save(e)}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            Saved. New chats use it at once.
          </p>
        )}
        <Field
          label="Topics only people answer"
          value={topics}
          onChange={(e) => setTopics(e.target.value)}
          hint="Help-center topic ids, separated by commas: the bot hands these questions to a person."
        />
        {flows.map((flow, at) => (
          <FlowCard
            key={at}
            flow={flow}
            index={at}
            onChange={(change) => changeFlow(at, change)}
            onRemove={() => setFlows((all) => all.filter((_, i) => i !== at))}
          />
        ))}
        <div className="actions">
          <button
            type="button"
            onClick={() => setFlows((all) => [...all, { id: `flow-${all.length + 1}`, label: 'New flow', steps: [{ id: 'start', text: 'How can I help?', buttons: [] }] }])}
          >
            Add a flow
          </button>
          <button type="submit" className="primary">
            Save the chatbot
          </button>
        </div>
      </form>
    </section>
  );
}

function FlowCard({ flow, index, onChange, onRemove }: { flow: BotFlow; index: number; onChange: (change: (f: BotFlow) => BotFlow) => void; onRemove: () => void }) {
  const changeStep = (at: number, change: (step: BotStep) => BotStep) =>
    onChange((f) => ({ ...f, steps: f.steps.map((s, i) => (i === at ? change(s) : s)) }));
  return (
    <fieldset className="flow-card">
      <legend>
        Flow {index + 1}: {flow.label}
      </legend>
      <Field label="Button that opens it" value={flow.label} maxLength={60} onChange={(e) => onChange((f) => ({ ...f, label: e.target.value }))} />
      <Field label="Flow id" value={flow.id} maxLength={60} pattern="[a-z0-9_-]+" onChange={(e) => onChange((f) => ({ ...f, id: e.target.value }))} />
      {flow.steps.map((step, at) => (
        <StepEditor
          key={at}
          step={step}
          label={`Flow ${index + 1}, step ${at + 1}${at === 0 ? ' (first)' : ''}`}
          stepIds={flow.steps.map((s) => s.id)}
          onChange={(change) => changeStep(at, change)}
          onRemove={flow.steps.length > 1 ? () => onChange((f) => ({ ...f, steps: f.steps.filter((_, i) => i !== at) })) : undefined}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => onChange((f) => ({ ...f, steps: [...f.steps, { id: `step-${f.steps.length + 1}`, text: '', buttons: [] }] }))}>
          Add a step
        </button>
        <button type="button" onClick={onRemove}>
          Remove this flow
        </button>
      </div>
    </fieldset>
  );
}

function StepEditor({ step, label, stepIds, onChange, onRemove }: { step: BotStep; label: string; stepIds: string[]; onChange: (change: (s: BotStep) => BotStep) => void; onRemove?: () => void }) {
  const buttons = step.buttons ?? [];
  const changeButton = (at: number, next: BotButton) => onChange((s) => ({ ...s, buttons: (s.buttons ?? []).map((b, i) => (i === at ? next : b)) }));
  return (
    <fieldset className="flow-step">
      <legend>{label}</legend>
      <Field label="Step id" value={step.id} maxLength={60} onChange={(e) => onChange((s) => ({ ...s, id: e.target.value }))} />
      <TextAreaField label="What the bot says" value={step.text} rows={2} maxLength={1000} onChange={(e) => onChange((s) => ({ ...s, text: e.target.value }))} />
      {buttons.map((button, at) => {
        const target = button.next !== undefined ? `next:${button.next}` : button.action ?? 'human';
        return (
          <div className="flow-button" key={at} role="group" aria-label={`${label}, button ${at + 1}`}>
            <Field label="Button" value={button.label} maxLength={60} onChange={(e) => changeButton(at, { ...button, label: e.target.value })} />
            <label>
              Leads to{' '}
              <select
                value={target}
                onChange={(e) => {
                  const chosen = e.target.value;
                  changeButton(at, chosen.startsWith('next:') ? { label: button.label, next: chosen.slice(5) } : { label: button.label, action: chosen as BotButton['action'], article: chosen === 'article' ? button.article ?? '' : undefined });
                }}
              >
                {stepIds.filter((id) => id !== step.id).map((id) => (
                  <option key={id} value={`next:${id}`}>
                    Step {id}
                  </option>
                ))}
                {ACTIONS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </select>
            </label>
            {button.action === 'article' && (
              <Field label="Article slug" value={button.article ?? ''} onChange={(e) => changeButton(at, { ...button, article: e.target.value })} />
            )}
            <button type="button" onClick={() => onChange((s) => ({ ...s, buttons: (s.buttons ?? []).filter((_, i) => i !== at) }))}>
              Remove button
            </button>
          </div>
        );
      })}
      <div className="actions">
        {buttons.length < 6 && (
          <button type="button" onClick={() => onChange((s) => ({ ...s, buttons: [...(s.buttons ?? []), { label: 'Talk to a person', action: 'human' }] }))}>
            Add a button
          </button>
        )}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            Remove this step
          </button>
        )}
      </div>
    </fieldset>
  );
}
