import { ConnectionIndicator } from '@/components/ui/connection-indicator';
import type { SocketStatus } from '@/lib/attendance-socket';
import type { Counters } from '@/types/api';

function Stat({
  label,
  value,
  testId,
}: {
  label: string;
  value: string | number;
  testId?: string;
}) {
  return (
    <div className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <span className="text-sm font-medium text-slate-600">{label}</span>
      <span className="text-4xl font-bold tabular-nums sm:text-5xl" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** Inside now, per gate where they last came in. */
function InsideByGate({ counters }: { counters: Counters }) {
  if (counters.by_gate.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2 text-sm" aria-label="Inside by gate" data-testid="by-gate">
      {counters.by_gate.map((gate) => (
        <li
          key={gate.gate}
          className="rounded-full border border-slate-200 bg-white px-3 py-1 tabular-nums"
        >
          {gate.gate}: <span className="font-semibold">{gate.inside}</span> inside
        </li>
      ))}
    </ul>
  );
}

function ArrivedBar({ percent }: { percent: number }) {
  return (
    <div
      role="progressbar"
      aria-label="Checked in of sold"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="h-3 overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full bg-emerald-500" style={{ width: `${String(percent)}%` }} />
    </div>
  );
}

/** The numbers, each "—" until it is known. */
function DoorStats({
  counters,
  sold,
  capacity,
  percent,
}: {
  counters: Counters | null;
  sold: number | undefined;
  capacity: number | undefined;
  percent: number;
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      <Stat label="Checked in" value={counters?.checked_in ?? '—'} testId="checked-in-count" />
      <Stat label="Sold" value={sold ?? '—'} testId="tickets-sold-count" />
      <Stat label="Capacity" value={capacity ?? '—'} testId="capacity-count" />
      <Stat label="Of sold arrived" value={counters ? `${String(percent)}%` : '—'} />
      <Stat label="Inside now" value={counters?.inside ?? '—'} testId="inside-count" />
    </div>
  );
}

/** The big live numbers of the door. */
export function DoorCounters({
  counters,
  fallback,
  status,
}: {
  counters: Counters | null;
  /** Known from the event before the live numbers arrive. */
  fallback?: Pick<Counters, 'tickets_sold' | 'capacity'>;
  status: SocketStatus;
}) {
  const sold = counters?.tickets_sold ?? fallback?.tickets_sold;
  const capacity = counters?.capacity ?? fallback?.capacity;
  const percent =
    counters && counters.tickets_sold > 0
      ? Math.round((counters.checked_in / counters.tickets_sold) * 100)
      : 0;
  const full =
    counters !== null && capacity !== undefined && capacity > 0 && counters.inside >= capacity;
  return (
    <section aria-labelledby="counters-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="counters-heading" className="text-lg font-semibold">
          Attendance
        </h2>
        <ConnectionIndicator status={status} />
      </div>
      <DoorStats counters={counters} sold={sold} capacity={capacity} percent={percent} />
      {full && (
        <p
          role="alert"
          data-testid="capacity-warning"
          className="rounded-lg bg-red-600 px-4 py-2 text-sm font-semibold text-white"
        >
          The venue is full: {counters.inside} inside of {capacity}. Stop admitting until people
          leave.
        </p>
      )}
      {counters && <InsideByGate counters={counters} />}
      {counters && <ArrivedBar percent={percent} />}
    </section>
  );
}
