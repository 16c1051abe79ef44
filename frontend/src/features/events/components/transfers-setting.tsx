import { Field } from '@/components/ui/field';

/**
 * The event's ticket transfers: on or off, and until when (empty: until the start, the
 * server's default, which follows the start when it moves).
 */
export function TransfersSetting({
  allowed,
  onAllowedChange,
  until,
  hint,
  error,
}: {
  allowed: boolean;
  onAllowedChange: (allowed: boolean) => void;
  until: { name: string; value: string; onChange: (e: { target: { value: string } }) => void };
  hint?: string;
  error?: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          name="allow_transfers"
          aria-checked={allowed}
          aria-describedby="allow-transfers-hint"
          checked={allowed}
          onChange={(e) => {
            onAllowedChange(e.target.checked);
          }}
          className="size-5 accent-indigo-600"
        />
        <span className="text-sm font-medium text-slate-800">Allow ticket transfers</span>
      </label>
      <p id="allow-transfers-hint" className="text-xs text-slate-500">
        Holders may send a ticket to someone else by e-mail: it gets a new QR code and the old one
        is refused at the door.
      </p>
      {allowed && (
        <Field
          label="Transfers allowed until"
          type="datetime-local"
          hint={
            hint
              ? `Leave empty: until the event starts (${hint})`
              : 'Leave empty: until the event starts'
          }
          {...until}
          error={error}
        />
      )}
      {!allowed && error && <p className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
