import type { EventAnalytics } from '@/types/api';

/** Admissions per check-in list (shown once the event has more than Entry). */
export function CheckinsByList({ analytics }: { analytics: EventAnalytics }) {
  const rows = analytics.by_list;
  if (rows.length < 2) return null;
  return (
    <section aria-labelledby="by-list-heading" className="flex flex-col gap-2">
      <h2 id="by-list-heading" className="text-lg font-semibold">
        Check-ins by list
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="by-list">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Check-in list
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Checked in
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                  {row.name}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{row.checked_in}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
