import { useState } from 'react';

import { useScans } from '@/features/scanner/api/get-scans';
import { useUndoCheckIn } from '@/features/scanner/api/undo-check-in';
import { ScanRow } from '@/features/scanner/components/scan-row';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { SelectField } from '@/components/ui/select-field';
import { Spinner } from '@/components/ui/spinner';
import type { ApiError } from '@/lib/errors';
import type { Counters, Scan, ScanResult } from '@/types/api';

function undoErrorText(error: ApiError): string {
  switch (error.code) {
    case 'not_checked_in':
      return 'This ticket is not checked in any more (already undone).';
    case 'permission_denied':
      return 'Only the event organizer can undo a check-in.';
    default:
      return error.detail;
  }
}

function UndoButton({
  scan,
  pending,
  onUndo,
}: {
  scan: Scan;
  pending: boolean;
  onUndo: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button
        variant="secondary"
        className="min-h-9"
        onClick={() => {
          setConfirming(true);
        }}
      >
        Undo check-in
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      <span className="sr-only">Undo check-in of {scan.ticket?.holder_name ?? 'this ticket'}?</span>
      <Button
        className="min-h-9 bg-red-600 hover:bg-red-700"
        disabled={pending}
        onClick={() => {
          onUndo();
          setConfirming(false);
        }}
      >
        Yes, undo
      </Button>
      <Button
        variant="ghost"
        className="min-h-9"
        onClick={() => {
          setConfirming(false);
        }}
      >
        Cancel
      </Button>
    </span>
  );
}

type ResultFilter = ScanResult | '';

/** The full scan log of the event from the server, with undo for organizers. */
export function ScanLog({
  eventId,
  timeZone,
  canUndo,
  onCounters,
}: {
  eventId: number;
  /** The event's zone: the log's times are read there. */
  timeZone: string;
  canUndo: boolean;
  onCounters: (counters: Counters) => void;
}) {
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<ResultFilter>('');
  const [sharingOnly, setSharingOnly] = useState(false);
  const scansQuery = useScans({
    event: eventId,
    page,
    result: result || undefined,
    suspected_sharing: sharingOnly || undefined,
  });
  const undoMutation = useUndoCheckIn(eventId);
  const data = scansQuery.data;

  return (
    <section aria-labelledby="log-heading" className="flex flex-col gap-3">
      <h2 id="log-heading" className="text-lg font-semibold">
        Scan log
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Result"
          value={result}
          onChange={(e) => {
            setResult(e.target.value as ResultFilter);
            setPage(1);
          }}
        >
          <option value="">All</option>
          <option value="accepted">Admitted</option>
          <option value="rejected">Rejected</option>
          <option value="undone">Undone</option>
        </SelectField>
        <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            className="size-5"
            checked={sharingOnly}
            onChange={(e) => {
              setSharingOnly(e.target.checked);
              setPage(1);
            }}
          />
          Only possible shared tickets
        </label>
      </div>
      {undoMutation.isError && <Alert>{undoErrorText(undoMutation.error)}</Alert>}
      {undoMutation.isSuccess && (
        <Alert tone="success">
          Check-in undone for {undoMutation.data.scan.ticket?.holder_name ?? 'the ticket'}.
        </Alert>
      )}
      {scansQuery.isPending ? (
        <Spinner label="Loading scans" />
      ) : scansQuery.isError ? (
        <Alert title="The scan log could not be loaded">{scansQuery.error.detail}</Alert>
      ) : data && data.results.length === 0 ? (
        <p className="text-sm text-slate-600">No scans yet.</p>
      ) : (
        <ul
          className="flex flex-col gap-1 overflow-hidden rounded-lg border border-slate-200 bg-slate-50"
          data-testid="scan-log"
          aria-live="polite"
        >
          {data?.results.map((scan) => {
            const ticket = scan.ticket;
            return (
              <ScanRow
                key={scan.id}
                scan={scan}
                timeZone={timeZone}
                actions={
                  canUndo && scan.result === 'accepted' && ticket ? (
                    <UndoButton
                      scan={scan}
                      pending={undoMutation.isPending}
                      onUndo={() => {
                        undoMutation.mutate(ticket.id, {
                          onSuccess: (answer) => {
                            onCounters(answer.counters);
                          },
                        });
                      }}
                    />
                  ) : undefined
                }
              />
            );
          })}
        </ul>
      )}
      {data && (
        <Pagination
          page={page}
          hasPrevious={data.previous !== null}
          hasNext={data.next !== null}
          onPageChange={setPage}
          label="Scan log pages"
        />
      )}
    </section>
  );
}
