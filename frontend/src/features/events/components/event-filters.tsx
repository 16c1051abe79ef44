import { useCategories } from '@/features/events/api/get-categories';
import { isOrdering, ORDERING_OPTIONS } from '@/features/events/utils/ordering';
import { SelectField } from '@/components/ui/select-field';
import { Field } from '@/components/ui/field';
import type { EventOrdering } from '@/types/api';

export interface EventFilterValues {
  category: string;
  /** Date-input values ("2026-06-12"), inclusive. */
  from: string;
  to: string;
  ordering: EventOrdering;
}

export function EventFilters({
  values,
  onChange,
}: {
  values: EventFilterValues;
  onChange: (next: Partial<EventFilterValues>) => void;
}) {
  const categoriesQuery = useCategories();
  const categories = categoriesQuery.data ?? [];
  // Keep a category from the URL selectable even if it is no longer in the list.
  const options =
    values.category && !categories.some((c) => c.value === values.category)
      ? [{ value: values.category, label: values.category }, ...categories]
      : categories;

  return (
    <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <legend className="sr-only">Filter events</legend>
      <SelectField
        label="Category"
        value={values.category}
        onChange={(e) => {
          onChange({ category: e.target.value });
        }}
      >
        <option value="">All categories</option>
        {options.map((category) => (
          <option key={category.value} value={category.value}>
            {category.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Sort by"
        value={values.ordering}
        onChange={(e) => {
          const value = e.target.value;
          if (isOrdering(value)) onChange({ ordering: value });
        }}
      >
        {ORDERING_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <Field
        label="From"
        type="date"
        value={values.from}
        max={values.to || undefined}
        onChange={(e) => {
          onChange({ from: e.target.value });
        }}
      />
      <Field
        label="To"
        type="date"
        value={values.to}
        min={values.from || undefined}
        onChange={(e) => {
          onChange({ to: e.target.value });
        }}
      />
    </fieldset>
  );
}
