import { useEffect, useState } from 'react';

import { formatEventDateTime } from '@/lib/event-time';
import { formatCountdown } from '@/lib/format';

const HOUR_MS = 60 * 60 * 1000;

function useMsLeft(until: string): number {
  const end = new Date(until).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return Math.max(0, end - now);
}

/**
 * How long the seats of a pending booking are still held: a ticking clock in the last hour,
 * the deadline in the event's zone, named, before that. The one place a booking's payment
 * deadline is said. Calls `onEnd` once when the hold runs out.
 */
export function HoldCountdown({
  expiresAt,
  timeZone,
  onEnd,
}: {
  expiresAt: string;
  /** The event's zone: the deadline is read there. */
  timeZone: string;
  onEnd?: () => void;
}) {
  const left = useMsLeft(expiresAt);
  const ended = left <= 0;
  useEffect(() => {
    if (ended) onEnd?.();
  }, [ended, onEnd]);

  const deadline = <time dateTime={expiresAt}>{formatEventDateTime(expiresAt, timeZone)}</time>;
  if (ended) {
    return (
      <p className="text-sm font-medium text-red-800" data-testid="hold-countdown">
        The hold ended at {deadline}.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-700" data-testid="hold-countdown">
      {left < HOUR_MS ? (
        <>
          Your seats are held for{' '}
          <span className="font-semibold text-slate-900 tabular-nums" role="timer">
            {formatCountdown(left)}
          </span>{' '}
          more (until {deadline}).
        </>
      ) : (
        <>Your seats are held until {deadline}.</>
      )}
    </p>
  );
}
