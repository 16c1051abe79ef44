import { useEffect, useState, type SubmitEvent } from 'react';

import { useCheckinLists } from '@/features/scanner/api/get-checkin-lists';
import { useDoorEvents } from '@/features/scanner/api/get-door-events';
import {
  loadEventId,
  loadGate,
  MAX_GATE_LENGTH,
  saveEventId,
  saveGate,
} from '@/features/scanner/utils/storage';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { Spinner } from '@/components/ui/spinner';
import { LoadFailed } from '@/components/ui/load-failed';
import { NETWORK_ERROR } from '@/lib/errors';
import { formatEventDateTime } from '@/lib/event-time';
import { listKits } from '@/features/scanner/offline/door-db';
import type { Event } from '@/types/api';

/** What the scanner needs of an event: from the events list, or offline from a door kit. */
export type DoorEvent = Pick<
  Event,
  'id' | 'title' | 'venue' | 'timezone' | 'starts_at' | 'checkin_opens_at' | 'allow_reentry'
> & { sold?: number };

/** The check-in list picked; null: the event's Entry. */
export interface ScannerList {
  id: number;
  name: string;
}

export interface ScannerSettings {
  event: DoorEvent;
  gate: string;
  list: ScannerList | null;
}

/** Which list this device scans on, when the event has more than Entry. */
function ListPicker({
  eventId,
  value,
  onChange,
}: {
  eventId: number | null;
  value: ScannerList | null;
  onChange: (list: ScannerList | null) => void;
}) {
  const lists = useCheckinLists(eventId).data ?? [];
  if (lists.length < 2) return null;
  const entry = lists.find((list) => list.is_default);
  return (
    <SelectField
      label="Check-in list"
      name="list"
      hint="Entry is the door of the venue; other lists (a VIP lounge, a workshop) admit only their ticket types, once each."
      value={String(value?.id ?? entry?.id ?? '')}
      onChange={(e) => {
        const picked = lists.find((list) => list.id === Number(e.target.value));
        onChange(!picked || picked.is_default ? null : { id: picked.id, name: picked.name });
      }}
    >
      {lists.map((list) => (
        <option key={list.id} value={list.id}>
          {list.name}
        </option>
      ))}
    </SelectField>
  );
}

/** Offline: the events whose door kit is on this device can still be scanned. */
function useEventsOnDevice(enabled: boolean): DoorEvent[] | null {
  const [events, setEvents] = useState<DoorEvent[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    listKits().then(
      (kits) => {
        if (active) setEvents(kits.map((kit) => kit.event));
      },
      () => {
        if (active) setEvents([]);
      },
    );
    return () => {
      active = false;
    };
  }, [enabled]);
  return enabled ? events : null;
}

/** The title alone; with its start time only when another listed event has the same title. */
function optionLabel(event: DoorEvent, events: DoorEvent[]): string {
  const twin = events.some((other) => other.id !== event.id && other.title === event.title);
  return twin
    ? `${event.title} — ${formatEventDateTime(event.starts_at, event.timezone)}`
    : event.title;
}

function SetupForm({
  events,
  onStart,
}: {
  events: DoorEvent[];
  onStart: (settings: ScannerSettings) => void;
}) {
  const [eventId, setEventId] = useState(() => {
    const remembered = loadEventId();
    return events.some((event) => event.id === remembered) ? remembered : (events[0]?.id ?? null);
  });
  const [gate, setGate] = useState(loadGate);
  const [list, setList] = useState<ScannerList | null>(null);
  const trimmedGate = gate.trim();
  const selected = events.find((event) => event.id === eventId);

  function handleSubmit(formEvent: SubmitEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (!selected || !trimmedGate) return;
    saveEventId(selected.id);
    saveGate(trimmedGate);
    onStart({ event: selected, gate: trimmedGate, list });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      <SelectField
        label="Event"
        name="event"
        value={eventId === null ? '' : String(eventId)}
        onChange={(e) => {
          const id = Number(e.target.value);
          setEventId(id);
          setList(null);
          saveEventId(id);
        }}
      >
        {events.map((event) => (
          <option key={event.id} value={event.id}>
            {optionLabel(event, events)}
          </option>
        ))}
      </SelectField>
      <ListPicker eventId={selected?.id ?? null} value={list} onChange={setList} />
      <Field
        label="Gate"
        name="gate"
        autoComplete="off"
        maxLength={MAX_GATE_LENGTH}
        required
        hint="Where you scan, e.g. Main or North. Shown to other staff on duplicates."
        value={gate}
        onChange={(e) => {
          setGate(e.target.value);
          if (e.target.value.trim()) saveGate(e.target.value.trim());
        }}
        error={trimmedGate ? undefined : 'Enter the name of your gate.'}
      />
      {selected && (
        <p className="text-sm text-slate-600">
          {formatEventDateTime(selected.starts_at, selected.timezone)} · {selected.venue} ·{' '}
          {selected.sold !== undefined && `${String(selected.sold)} sold · `}
          check-in opens {formatEventDateTime(selected.checkin_opens_at, selected.timezone)}
        </p>
      )}
      <Button type="submit" className="min-h-14 text-base" disabled={!selected || !trimmedGate}>
        Start scanning
      </Button>
    </form>
  );
}

/** Step one at the door: which event and which gate this device scans for. */
export function ScannerSetup({ onStart }: { onStart: (settings: ScannerSettings) => void }) {
  const eventsQuery = useDoorEvents();
  const offline = eventsQuery.isError && eventsQuery.error.code === NETWORK_ERROR;
  const onDevice = useEventsOnDevice(offline);

  return (
    <Card className="mx-auto flex w-full max-w-lg flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Scan tickets</h1>
      {eventsQuery.isPending ? (
        <div className="flex justify-center py-8">
          <Spinner label="Loading your events" />
        </div>
      ) : offline && onDevice && onDevice.length > 0 ? (
        <>
          <p
            role="status"
            data-testid="offline-setup"
            className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm font-medium text-amber-900"
          >
            Offline: these events have their tickets on this device and can be scanned.
          </p>
          <SetupForm events={onDevice} onStart={onStart} />
        </>
      ) : eventsQuery.isError ? (
        <LoadFailed
          title="Your events could not be loaded"
          detail={eventsQuery.error.detail}
          onRetry={() => {
            void eventsQuery.refetch();
          }}
        />
      ) : eventsQuery.data.results.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-slate-700">
          You are not door staff for any upcoming event.
        </p>
      ) : (
        <SetupForm events={eventsQuery.data.results} onStart={onStart} />
      )}
    </Card>
  );
}
