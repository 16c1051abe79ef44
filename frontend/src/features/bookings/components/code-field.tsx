import { useState } from 'react';

import { codeErrorMessage, describeCode } from '@/features/bookings/utils/discount';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { ApiError } from '@/lib/errors';
import { formatPrice } from '@/lib/format';
import type { CodeTerms } from '@/types/api';

/**
 * The buyer's discount or access code: typed and applied (the event is asked what it does),
 * then shown with its terms and a way to remove it.
 */
export function CodeField({
  applied,
  checking,
  error,
  currency,
  onApply,
  onRemove,
}: {
  /** The terms of the code in use, if one is. */
  applied: CodeTerms | null;
  checking: boolean;
  error: ApiError | null;
  currency: string;
  onApply: (code: string) => void;
  onRemove: () => void;
}) {
  const [text, setText] = useState('');

  if (applied) {
    return (
      <div
        className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2"
        data-testid="applied-code"
      >
        <p className="text-sm text-emerald-900">
          <span className="font-semibold">Code {applied.code}</span> ·{' '}
          {describeCode(applied, (amount) => formatPrice(amount, currency))}
        </p>
        <Button variant="ghost" onClick={onRemove}>
          Remove code
        </Button>
      </div>
    );
  }

  function apply() {
    const code = text.trim();
    if (code) onApply(code);
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field
        label="Discount or access code"
        name="code"
        className="min-w-0 flex-1"
        autoComplete="off"
        autoCapitalize="characters"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
        }}
        onKeyDown={(e) => {
          // Enter applies the code instead of submitting the booking.
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
        error={error ? codeErrorMessage(error) : undefined}
      />
      <Button variant="secondary" onClick={apply} disabled={checking || text.trim() === ''}>
        {checking ? 'Checking…' : 'Apply code'}
      </Button>
    </div>
  );
}
