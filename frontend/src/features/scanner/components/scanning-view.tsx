import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';

import { CameraView } from '@/features/scanner/components/camera-view';
import { LiveCounter } from '@/features/scanner/components/live-counter';
import { RecentScans } from '@/features/scanner/components/recent-scans';
import { ResultCard } from '@/features/scanner/components/result-card';
import { useAttendanceSocket } from '@/lib/attendance-socket';
import { useDoorScanner } from '@/features/scanner/hooks/use-door-scanner';
import { DoorStatus } from '@/features/scanner/components/door-status';
import { SyncConflicts } from '@/features/scanner/components/sync-conflicts';
import { TicketSearch } from '@/features/scanner/components/ticket-search';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import type { DoorEvent, ScannerList } from '@/features/scanner/components/scanner-setup';
import type { Direction } from '@/types/api';

function DirectionToggle({
  direction,
  onChange,
}: {
  direction: Direction;
  onChange: (direction: Direction) => void;
}) {
  return (
    <div role="group" aria-label="Direction" className="inline-flex rounded-lg bg-slate-100 p-1">
      {(['in', 'out'] as const).map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={direction === value}
          onClick={() => {
            onChange(value);
          }}
          className={cn(
            'min-h-10 rounded-md px-5 text-sm font-semibold',
            direction === value
              ? value === 'in'
                ? 'bg-emerald-600 text-white'
                : 'bg-sky-700 text-white'
              : 'text-slate-700',
          )}
        >
          {value === 'in' ? 'Coming in' : 'Going out'}
        </button>
      ))}
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
  list = null,
  onChangeSettings,
}: {
  event: DoorEvent;
  gate: string;
  /** The check-in list scanned on; null: Entry. */
  list?: ScannerList | null;
  onChangeSettings: () => void;
}) {
  const [code, setCode] = useState('');
  const [cameraOn, setCameraOn] = useState(true);
  // No on-screen keyboard over the camera until the field is tapped; handheld scanners
  // (which type like a keyboard) work either way.
  const [keyboard, setKeyboard] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const [direction, setDirection] = useState<Direction>('in');

  const scanner = useDoorScanner({
    eventId: event.id,
    gate,
    listId: list?.id ?? null,
    direction: event.allow_reentry ? direction : 'in',
  });
  const { submit, current, dismiss, counters } = scanner;
  const socketStatus = useAttendanceSocket(event.id, { onCounters: scanner.noteCounters });
  const full = counters !== null && counters.capacity > 0 && counters.inside >= counters.capacity;

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
          <p className="text-sm text-slate-600">
            Gate: {gate}
            {list && (
              <>
                {' · '}
                <span data-testid="scanning-list" className="font-medium text-slate-900">
                  List: {list.name}
                </span>
              </>
            )}
          </p>
        </div>
        <Button variant="secondary" onClick={onChangeSettings}>
          Change event or gate
        </Button>
      </div>

      <DoorStatus
        mode={scanner.mode}
        kit={scanner.kit}
        kitError={scanner.kitError}
        pending={scanner.pending}
        queued={scanner.queue.length}
        lastSync={scanner.lastSync}
        onRetry={() => {
          void scanner.retryNow();
        }}
        timeZone={event.timezone}
      />
      <SyncConflicts synced={scanner.synced} timeZone={event.timezone} />

      <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <LiveCounter
          counters={counters}
          soldFallback={event.sold}
          unsynced={scanner.unsynced}
          // Offline, the live channel's last word is stale: say offline, not "connected".
          status={scanner.mode === 'offline' ? 'offline' : socketStatus}
        />
      </div>
      {full && (
        <p
          role="alert"
          data-testid="capacity-warning"
          className="rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white"
        >
          The venue is full: {counters.inside} inside of {counters.capacity}.
        </p>
      )}
      {event.allow_reentry && <DirectionToggle direction={direction} onChange={setDirection} />}

      <div className="relative">
        <CameraView onCode={submit} enabled={cameraOn} />
        {current && (
          <ResultCard
            outcome={current}
            timeZone={event.timezone}
            onDismiss={() => {
              dismiss();
              refocus();
            }}
          />
        )}
      </div>

      {scanner.repeated && (
        <p role="status" data-testid="repeat-notice" className="text-sm font-medium text-slate-700">
          Same code again within 3 seconds: already checked, not sent twice.
        </p>
      )}

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
            placeholder="Scan a code or type a backup code"
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

      <TicketSearch
        eventId={event.id}
        mode={scanner.mode}
        timeZone={event.timezone}
        onCheckIn={scanner.checkInTicket}
      />

      <RecentScans scans={scanner.recent} timeZone={event.timezone} />
    </div>
  );
}
