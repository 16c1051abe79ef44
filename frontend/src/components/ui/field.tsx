import type { InputHTMLAttributes } from 'react';

import { FieldShell } from '@/components/ui/field-shell';
import { cn } from '@/lib/cn';

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled input with its hint and error text wired up for assistive tech. */
export function Field({ label, error, hint, className, id, ...props }: FieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className} id={id}>
      {(control) => <input {...props} {...control} className={cn('min-h-11', control.className)} />}
    </FieldShell>
  );
}
