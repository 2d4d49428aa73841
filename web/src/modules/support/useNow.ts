// The current time as state, ticking every `ms` (countdowns re-render with it; render stays pure).
import { useEffect, useState } from 'react';

export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return now;
}
