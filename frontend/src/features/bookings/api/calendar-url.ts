import { env } from '@/config/env';

/**
 * The event's calendar file (one VEVENT in the event's zone). Anyone who may see the event may
 * fetch it, so it is a plain link: the phone hands it straight to its calendar app.
 */
export function calendarUrl(event: number): string {
  return `${env.API_URL}/events/${String(event)}/calendar.ics`;
}
