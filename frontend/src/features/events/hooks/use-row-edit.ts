import { useState } from 'react';

/** What useRowEdit needs of an update mutation (TanStack Query's useMutation result). */
interface RowUpdate<TData> {
  mutate: (variables: { id: number; data: TData }, options: { onSuccess: () => void }) => void;
  reset: () => void;
}

/**
 * One row of an editable list (ticket types, questions, codes) edited in place: the form
 * closes once the update succeeds; cancelling closes it and forgets the update's error.
 */
export function useRowEdit<TData>(id: number, update: RowUpdate<TData>) {
  const [editing, setEditing] = useState(false);
  return {
    editing,
    start: () => {
      setEditing(true);
    },
    submit: (data: TData) => {
      update.mutate(
        { id, data },
        {
          onSuccess: () => {
            setEditing(false);
          },
        },
      );
    },
    cancel: () => {
      setEditing(false);
      update.reset();
    },
  };
}
