import type { PaymentMethod } from '@/types/api';

const PAYMENT_METHOD_LABELS: Record<PaymentMethod, { label: string; hint: string }> = {
  stripe: { label: 'Card', hint: 'Pay now by card; your seats are held while you pay.' },
  manual: {
    label: 'Bank transfer or box office',
    hint: 'Pay later as the organizer explains; your seats are held until the deadline.',
  },
};

/** The buyer's choice among the event's payment methods. */
export function PaymentMethodChoice({
  methods,
  value,
  onChange,
  error,
}: {
  methods: readonly PaymentMethod[];
  value: PaymentMethod | null;
  onChange: (method: PaymentMethod) => void;
  error?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-800">Payment method</legend>
      {methods.map((method) => (
        <label
          key={method}
          className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2"
        >
          <input
            type="radio"
            name="payment_method"
            value={method}
            checked={value === method}
            onChange={() => {
              onChange(method);
            }}
            className="mt-1 size-5 accent-indigo-600"
          />
          <span>
            <span className="block font-medium text-slate-900">
              {PAYMENT_METHOD_LABELS[method].label}
            </span>
            <span className="block text-sm text-slate-600">
              {PAYMENT_METHOD_LABELS[method].hint}
            </span>
          </span>
        </label>
      ))}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
