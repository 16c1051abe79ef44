import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';

import { CameraView } from '@/features/scanner/components/camera-view';
import { LiveCounter } from '@/features/scanner/components/live-counter';
import { RecentScans } from '@/features/scanner/components/recent-scans';
import { ResultCard } from '@/features/scanner/components/result-card';
import { useAttendanceSocket } from '@/lib/attendance-socket';
import { useDoorScanner } from '@/features/scanner/hooks/use-door-scanner';
import { Button } from '@/components/ui/button';
import type { Counters, Event } from '@/types/api';

function OfflineBanner({ waiting, onRetry }: { waiting: number; onRetry: () => void }) {
  return (
    <div
      role="alert"
      data-testid="offline-banner"
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm font-semibold text-amber-900"
    >
      <span>
        Offline — {waiting} {waiting === 1 ? 'scan' : 'scans'} waiting
      </span>
      <Button variant="secondary" className="min-h-9" onClick={onRetry}>
        Retry now
      </Button>
    </div>
  );
}

/** Whether the user is typing into some other field (then focus is left alone). */
function typingElsewhere(input: HTMLInputElement | null): boolean {
  const active = document.activeElement;
  if (!active || active === input || active === document.body) return false;
  if (active instanceof HTMLElement && active.isContentEditable) return true;
  return (
    active instanceof HTMLTextAreaElement ||
    active instanceof HTMLSelectElement ||
    (active instanceof HTMLInputElement && active.type !== 'checkbox' && active.type !== 'button')
  );
}

/** Step two: camera, handheld/keyboard input, the big result and the live counter. */
export function ScanningView({
  event,
  gate,
  onChangeSettings,
}: {
  event: Event;
  gate: string;
  onChangeSettings: () => void;
}) {
  const [counters, setCounters] = useState<Counters | null>(null);
  const [code, setCode] = useState('');
  const [cameraOn, setCameraOn] = useState(true);
  // No on-screen keyboard over the camera until the field is tapped; handheld scanners
  // (which type like a keyboard) work either way.
  const [keyboard, setKeyboard] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const onCounters = useCallback(
    (next: Counters, forEvent: number) => {
      if (forEvent === event.id) setCounters(next);
    },
    [event.id],
  );
  const socketStatus = useAttendanceSocket(event.id, {
    onCounters: (next) => {
      setCounters(next);
    },
  });
  const scanner = useDoorScanner({ eventId: event.id, gate, onCounters });
  const { submit, current, dismiss } = scanner;

  const refocus = useCallback(() => {
    if (!typingElsewhere(inputRef.current)) inputRef.current?.focus({ preventScroll: true });
  }, []);

  // Back to the code field after every result, ready for the next handheld scan.
  const currentKey = current?.key;
  const currentKind = current?.kind;
  useEffect(() => {
    refocus();
  }, [currentKey, currentKind, refocus]);

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (!code.trim()) return;
    submit(code);
    setCode('');
    setKeyboard(false);
    refocus();
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h1 className="truncate text-lg font-semibold">{event.title}</h1>
          <p className="text-sm text-slate-600">Gate: {gate}</p>
        </div>
        <Button variant="secondary" onClick={onChangeSettings}>
          Change event or gate
        </Button>
      </div>

      {scanner.queue.length > 0 && (
        <OfflineBanner
          waiting={scanner.queue.length}
          onRetry={() => {
            void scanner.retryNow();
          }}
        />
      )}

      <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <LiveCounter counters={counters} soldFallback={event.tickets_sold} status={socketStatus} />
      </div>

      <div className="relative">
        <CameraView onCode={submit} enabled={cameraOn} />
        {current && (
          <ResultCard
            outcome={current}
            onDismiss={() => {
              dismiss();
              refocus();
            }}
          />
        )}
      </div>

      <form onSubmit={handleSubmit} noValidate className="flex items-end gap-2">
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor="ticket-code" className="text-sm font-medium text-slate-800">
            Ticket code
          </label>
          <input
            ref={inputRef}
            id="ticket-code"
            name="code"
            autoFocus
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            inputMode={keyboard ? 'text' : 'none'}
            value={code}
            onPointerDown={() => {
              if (!keyboard) setKeyboard(true);
            }}
            onChange={(e) => {
              setCode(e.target.value);
            }}
            className="min-h-12 rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600"
            placeholder="Scan or type a code"
          />
        </div>
        <Button type="submit" className="min-h-12 px-6" disabled={!code.trim()}>
          Check
        </Button>
      </form>

      <div className="flex justify-end">
        <Button
          variant="ghost"
          onClick={() => {
            setCameraOn((on) => !on);
          }}
        >
          {cameraOn ? 'Turn camera off' : 'Turn camera on'}
        </Button>
      </div>

      <RecentScans scans={scanner.recent} />
    </div>
  );
}
