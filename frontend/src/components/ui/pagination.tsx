import { Button } from '@/components/ui/button';

export function Pagination({
  page,
  hasPrevious,
  hasNext,
  onPageChange,
  label = 'Pagination',
}: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPageChange: (page: number) => void;
  label?: string;
}) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2">
      <Button
        variant="secondary"
        disabled={!hasPrevious}
        onClick={() => {
          onPageChange(page - 1);
        }}
      >
        Previous
      </Button>
      <span className="text-sm text-slate-600">Page {page}</span>
      <Button
        variant="secondary"
        disabled={!hasNext}
        onClick={() => {
          onPageChange(page + 1);
        }}
      >
        Next
      </Button>
    </nav>
  );
}
