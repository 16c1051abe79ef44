import { Link, useNavigate } from 'react-router';

import { useCreateEvent } from '@/features/events/api/create-event';
import { EventForm } from '@/features/events/components/event-form';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NewEventRoute() {
  useDocumentTitle('New event');
  const navigate = useNavigate();
  const createMutation = useCreateEvent();

  return (
    <div className="flex flex-col gap-4">
      <Link
        to={paths.myEvents}
        className="inline-flex min-h-11 items-center self-start text-sm font-medium text-indigo-700 hover:underline"
      >
        ← My events
      </Link>
      <Card className="flex flex-col gap-5">
        <h1 className="text-2xl font-semibold tracking-tight">New event</h1>
        <EventForm
          mode="create"
          error={createMutation.error}
          pending={createMutation.isPending}
          onSubmit={(data) => {
            createMutation.mutate(data, {
              onSuccess: (event) => {
                void navigate(paths.manageEvent(event.id), { replace: true });
              },
            });
          }}
        />
      </Card>
    </div>
  );
}
