import type { SelectHTMLAttributes } from 'react';

import { FieldShell } from '@/components/ui/field-shell';
import { cn } from '@/lib/cn';

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled native select (the phone's own picker) with hint and error wired up. */
export function SelectField({
  label,
  error,
  hint,
  className,
  id,
  children,
  ...props
}: SelectFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className} id={id}>
      {(control) => (
        <select {...props} {...control} className={cn('min-h-11', control.className)}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}
