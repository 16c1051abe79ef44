import type { ReactNode } from 'react';

/** One big number of the dashboard, with its label and an optional line under it. */
export function StatCard({
  label,
  value,
  hint,
  testId,
  valueTestId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  valueTestId?: string;
}) {
  return (
    <div
      className="flex min-w-0 flex-col gap-0.5 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4"
      data-testid={testId}
    >
      <span className="text-xs font-medium text-slate-600 sm:text-sm">{label}</span>
      <span
        className="truncate text-2xl font-bold tabular-nums sm:text-3xl"
        data-testid={valueTestId}
      >
        {value}
      </span>
      {hint && <span className="text-xs text-slate-500">{hint}</span>}
    </div>
  );
}
