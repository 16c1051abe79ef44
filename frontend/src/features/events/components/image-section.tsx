import { useEffect, useRef, useState, type ChangeEvent } from 'react';

import { useRemoveEventImage } from '@/features/events/api/remove-event-image';
import {
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  useUploadEventImage,
} from '@/features/events/api/upload-event-image';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Event } from '@/types/api';

/** Checked before the upload, so a 20 MB photo is refused at once and not after a minute. */
function fileProblem(file: File): string | null {
  if (!IMAGE_TYPES.includes(file.type)) return 'Choose a JPEG, PNG or WebP image.';
  if (file.size > MAX_IMAGE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return `This image is ${mb} MB; the limit is 5 MB. Choose a smaller one.`;
  }
  return null;
}

/** The event's image: a preview of the chosen file, upload, errors the server gives. */
export function ImageSection({ event }: { event: Event }) {
  const uploadMutation = useUploadEventImage();
  const removeMutation = useRemoveEventImage();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previewRef = useRef<HTMLImageElement>(null);

  // The preview URL belongs to the chosen file's <img>: made with it, revoked when it changes.
  useEffect(() => {
    const img = previewRef.current;
    if (!file || !img) return;
    const url = URL.createObjectURL(file);
    img.src = url;
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [file]);

  function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0] ?? null;
    uploadMutation.reset();
    if (!chosen) {
      setFile(null);
      return;
    }
    const issue = fileProblem(chosen);
    setProblem(issue);
    setFile(issue ? null : chosen);
  }

  const error = uploadMutation.error;
  const serverMessage = error ? (error.fieldError('image') ?? error.detail) : null;
  const imageClass = 'aspect-[2/1] w-full max-w-xl rounded-lg object-cover ring-1 ring-slate-200';

  return (
    <section aria-labelledby="image-heading" className="flex flex-col gap-3">
      <h2 id="image-heading" className="text-lg font-semibold">
        Image
      </h2>
      {file ? (
        <img ref={previewRef} alt="Preview of the chosen image" className={imageClass} />
      ) : event.image ? (
        <img src={event.image} alt="The event image" className={imageClass} />
      ) : (
        <p className="text-sm text-slate-600">No image yet.</p>
      )}
      <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
        Choose an image
        <input
          type="file"
          accept={IMAGE_TYPES.join(',')}
          onChange={choose}
          className="text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-4 file:font-semibold"
        />
        <span className="text-xs font-normal text-slate-500">
          JPEG, PNG or WebP, up to 5 MB. It is resized to at most 1600 px.
        </span>
      </label>
      {problem && <Alert>{problem}</Alert>}
      {serverMessage && <Alert>{serverMessage}</Alert>}
      {uploadMutation.isSuccess && !file && <Alert tone="success">Image saved.</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={!file || uploadMutation.isPending}
          onClick={() => {
            if (!file) return;
            uploadMutation.mutate(
              { id: event.id, file },
              {
                onSuccess: () => {
                  setFile(null);
                },
              },
            );
          }}
        >
          {uploadMutation.isPending ? 'Uploading…' : 'Upload image'}
        </Button>
        {event.image && !file && (
          <Button
            variant="ghost"
            disabled={removeMutation.isPending}
            onClick={() => {
              uploadMutation.reset();
              removeMutation.mutate(event.id);
            }}
          >
            Remove image
          </Button>
        )}
      </div>
    </section>
  );
}
