import { useEffect, useRef, useState } from 'react';

import { refreshAccessToken } from '@/lib/api-client';
import { expireSession, getAccessToken } from '@/lib/auth-token';
import { ApiError } from '@/lib/errors';
import type { AttendanceMessage, Counters, Scan } from '@/types/api';

/** The token travels as the second subprotocol, since browsers cannot set WS headers. */
export const SOCKET_PROTOCOL = 'qr-entry.jwt';
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
const MAX_BACKOFF_MS = 30_000;

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'forbidden';

export function attendanceSocketUrl(eventId: number): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/ws/events/${String(eventId)}/attendance/`;
}

/** 1 s, 2 s, 4 s ... up to 30 s, with jitter so a venue's phones do not reconnect in step. */
export function backoffDelay(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function parseMessage(data: unknown): AttendanceMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as Partial<AttendanceMessage> | null;
    if (message?.type === 'snapshot' || message?.type === 'scan') {
      return message as AttendanceMessage;
    }
  } catch {
    // Not ours: ignore.
  }
  return null;
}

export interface AttendanceSocketHandlers {
  onCounters?: (counters: Counters) => void;
  onScan?: (scan: Scan) => void;
}

/**
 * Live attendance of one event: counters (snapshot, then one update per scan or undo from
 * any gate) and the scans themselves. Reconnects with backoff after drops and at once when
 * the device comes back online; on 4401 (token expired, signed out elsewhere, new password)
 * and after a handshake that never opened it refreshes the access token first. A fresh token
 * is read on every connect. 4403 (not allowed, or removed from the door staff) is final.
 */
export function useAttendanceSocket(
  eventId: number | null,
  handlers: AttendanceSocketHandlers,
): SocketStatus {
  const [status, setStatus] = useState<SocketStatus>('connecting');
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (eventId === null) return;
    let disposed = false;
    // A function, not the variable: TypeScript would narrow it across the awaits.
    const isDisposed = () => disposed;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let refreshing = false;

    function scheduleReconnect(refresh = false) {
      attempt += 1;
      setStatus('reconnecting');
      clearTimeout(timer);
      timer = setTimeout(() => void connect(refresh), backoffDelay(attempt));
    }

    async function connect(refresh: boolean) {
      if (isDisposed() || eventId === null) return;
      let token = getAccessToken();
      if (refresh || !token) {
        refreshing = true;
        try {
          token = await refreshAccessToken();
        } catch (error) {
          token = null;
          if (error instanceof ApiError && error.status === 401) {
            // The session itself is over (signed out everywhere, password changed): retrying
            // cannot help. Ending it sends the person to sign in again.
            expireSession();
            return;
          }
        } finally {
          refreshing = false;
        }
        if (isDisposed()) return;
      }
      if (!token) {
        scheduleReconnect(true);
        return;
      }

      const ws = new WebSocket(attendanceSocketUrl(eventId), [SOCKET_PROTOCOL, token]);
      socket = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        if (socket === ws) setStatus('open');
      };
      ws.onmessage = (message: MessageEvent) => {
        if (socket !== ws) return;
        const parsed = parseMessage(message.data);
        if (!parsed) return;
        if (parsed.type === 'snapshot') {
          attempt = 0;
          setStatus('open');
        } else {
          handlersRef.current.onScan?.(parsed.scan);
        }
        handlersRef.current.onCounters?.(parsed.counters);
      };
      ws.onclose = (event: CloseEvent) => {
        if (isDisposed() || socket !== ws) return;
        socket = null;
        if (event.code === CLOSE_FORBIDDEN) {
          setStatus('forbidden');
          return;
        }
        if (event.code === CLOSE_UNAUTHENTICATED) {
          // Expired token: refresh and reconnect at once; back off if it keeps happening.
          if (attempt === 0) {
            attempt = 1;
            setStatus('reconnecting');
            void connect(true);
          } else {
            scheduleReconnect(true);
          }
          return;
        }
        // A handshake that never opened (the browser shows a bare 1006 whatever the server
        // said) may be a refused token: refresh it before the next try, with backoff.
        scheduleReconnect(!opened);
      };
    }

    function onOnline() {
      if (socket || refreshing || isDisposed()) return;
      clearTimeout(timer);
      void connect(false);
    }

    void connect(false);
    window.addEventListener('online', onOnline);
    return () => {
      disposed = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      const open = socket;
      socket = null;
      open?.close(1000);
    };
  }, [eventId]);

  return status;
}
