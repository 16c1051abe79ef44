import { formatMoney } from '@/features/dashboard/utils/format';
import type { EventAnalytics } from '@/types/api';

/**
 * Tickets sold (confirmed bookings), pending (held, awaiting payment) and revenue (paid minus
 * refunded, of the sold ones) per ticket type of one event.
 */
export function SalesByTicketType({ analytics }: { analytics: EventAnalytics }) {
  const rows = analytics.by_ticket_type;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="by-type-heading" className="flex flex-col gap-2">
      <h2 id="by-type-heading" className="text-lg font-semibold">
        Sales by ticket type
      </h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Ticket type
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Sold
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Pending
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                  {row.name}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{row.sold}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.pending}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatMoney(row.revenue, analytics.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
