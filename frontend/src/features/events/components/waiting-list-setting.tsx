import { Field } from '@/components/ui/field';

/** The waiting-list switch of the event form, and how long an offer holds its seats. */
export function WaitingListSetting({
  on,
  onChange,
  hours,
  error,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
  /** The offer hours input's props (the form's `bind`). */
  hours: { name: string; value: string; onChange: (e: { target: { value: string } }) => void };
  error?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-semibold text-slate-900">Waiting list</legend>
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          name="waiting_list"
          aria-checked={on}
          checked={on}
          onChange={(e) => {
            onChange(e.target.checked);
          }}
          className="size-5 accent-indigo-600"
        />
        <span className="text-sm font-medium text-slate-800">Waiting list when sold out</span>
      </label>
      <p className="text-xs text-slate-500">
        Buyers of a sold-out event (or ticket type) may join a waiting list. Seats that come back
        are held for the first people they fit, in order, and offered by e-mail.
      </p>
      {on && (
        <Field
          label="Offer holds seats for (hours)"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Not booked in time, the offer passes to the next person waiting"
          {...hours}
          error={error}
        />
      )}
      {!on && error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
