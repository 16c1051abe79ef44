import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** A list that could not be loaded: what, why (the API's detail), and a retry button. */
export function LoadFailed({
  title,
  detail,
  onRetry,
}: {
  title: string;
  detail: string;
  onRetry: () => void;
}) {
  return (
    <Alert title={title}>
      <p>{detail}</p>
      <Button variant="secondary" className="mt-3" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
