import { useId, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

export interface FieldShellProps {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  id?: string;
  /** Renders the control itself with the props that tie it to its label, hint and error. */
  children: (control: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
    className: string;
  }) => ReactNode;
}

/** The label, hint and error around any form control, wired up for assistive tech. */
export function FieldShell({ label, error, hint, className, id, children }: FieldShellProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const errorId = `${controlId}-error`;
  const hintId = `${controlId}-hint`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={controlId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id: controlId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        className: cn(
          'rounded-lg border bg-white px-3 text-base text-slate-900 shadow-xs',
          'focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600',
          error ? 'border-red-500' : 'border-slate-300',
        ),
      })}
      {hint && !error && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
