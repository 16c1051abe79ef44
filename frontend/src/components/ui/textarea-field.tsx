import type { TextareaHTMLAttributes } from 'react';

import { FieldShell } from '@/components/ui/field-shell';
import { cn } from '@/lib/cn';

export interface TextareaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string;
  hint?: string;
}

export function TextareaField({ label, error, hint, className, id, ...props }: TextareaFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className} id={id}>
      {(control) => (
        <textarea rows={4} {...props} {...control} className={cn('py-2', control.className)} />
      )}
    </FieldShell>
  );
}
