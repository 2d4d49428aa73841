// Component tests' React root: a fresh container in the document for each test, unmounted and
// removed after it. Call once at the top of a test file; read `.root` and `.container` in tests.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export function testRoot(): { root: Root; container: HTMLDivElement } {
  const state = {} as { root: Root; container: HTMLDivElement };
  beforeEach(() => {
    state.container = document.createElement('div');
    document.body.append(state.container);
    state.root = createRoot(state.container);
  });
  afterEach(() => {
    act(() => state.root.unmount());
    state.container.remove();
  });
  return state;
}
