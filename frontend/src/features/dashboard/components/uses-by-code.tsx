import { formatMoney } from '@/features/dashboard/utils/format';
import type { EventAnalytics } from '@/types/api';

/** Each discount or access code's uses and what it took off (shown once the event has codes). */
export function UsesByCode({ analytics }: { analytics: EventAnalytics }) {
  const rows = analytics.by_code;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="by-code-heading" className="flex flex-col gap-2">
      <h2 id="by-code-heading" className="text-lg font-semibold">
        Codes
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="by-code">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Code
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Uses
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Discount given
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row" className="px-3 py-2 font-mono font-medium text-slate-900">
                  {row.code}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{row.uses}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatMoney(row.discount_total, analytics.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
