// React hooks over the app's live stream (stream.ts): screens follow events without knowing
// about sockets. The stream itself is started once by the signed-in shell (App.tsx).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveStream, type StreamEvent, type StreamStatus } from './stream';

/** Calls `fn` for each live event whose type starts with `prefix`, while mounted. */
export function useLiveEvents(prefix: string, fn: (event: StreamEvent) => void): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => liveStream().subscribe(prefix, (event) => latest.current(event)), [prefix]);
}

/** Calls `fn` when the stream missed too much to catch up: reload what the screen shows. */
export function useLiveReset(fn: () => void): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => liveStream().onReset(() => latest.current()), []);
}

export function useLiveStatus(): StreamStatus {
  return useSyncExternalStore(
    (changed) => liveStream().onStatus(changed),
    () => liveStream().status,
  );
}
