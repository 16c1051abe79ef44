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
 * One live connection, reconnecting with backoff after drops and at once when the device
 * comes back online; on 4401 (token expired, signed out elsewhere, new password) and after a
 * handshake that never opened it refreshes the access token first. A fresh token is read on
 * every connect. 4403 (not allowed, or removed from the door staff) is final.
 */
class AttendanceConnection {
  private readonly eventId: number;
  private readonly handlers: () => AttendanceSocketHandlers;
  private readonly setStatus: (status: SocketStatus) => void;
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private refreshing = false;
  private disposed = false;

  constructor(
    eventId: number,
    handlers: () => AttendanceSocketHandlers,
    setStatus: (status: SocketStatus) => void,
  ) {
    this.eventId = eventId;
    this.handlers = handlers;
    this.setStatus = setStatus;
  }

  open(): void {
    this.connect(false);
    window.addEventListener('online', this.onOnline);
  }

  close(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    const open = this.socket;
    this.socket = null;
    open?.close(1000);
  }

  private readonly onOnline = () => {
    if (this.socket || this.refreshing || this.disposed) return;
    clearTimeout(this.timer);
    this.connect(false);
  };

  private scheduleReconnect(refresh: boolean): void {
    this.attempt += 1;
    this.setStatus('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.connect(refresh);
    }, backoffDelay(this.attempt));
  }

  private connect(refresh: boolean): void {
    if (this.disposed) return;
    const token = getAccessToken();
    if (refresh || !token) void this.refreshThenConnect();
    else this.listen(token);
  }

  private async refreshThenConnect(): Promise<void> {
    this.refreshing = true;
    let token: string | null;
    try {
      token = await refreshAccessToken();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // The session itself is over (signed out everywhere, password changed): retrying
        // cannot help. Ending it sends the person to sign in again.
        expireSession();
        return;
      }
      token = null;
    } finally {
      this.refreshing = false;
    }
    if (this.disposed) return;
    if (token) this.listen(token);
    else this.scheduleReconnect(true);
  }

  private listen(token: string): void {
    const ws = new WebSocket(attendanceSocketUrl(this.eventId), [SOCKET_PROTOCOL, token]);
    this.socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      if (this.socket === ws) this.setStatus('open');
    };
    ws.onmessage = (message: MessageEvent) => {
      if (this.socket === ws) this.receive(message.data);
    };
    ws.onclose = (event: CloseEvent) => {
      if (this.disposed || this.socket !== ws) return;
      this.socket = null;
      this.closed(event.code, opened);
    };
  }

  private receive(data: unknown): void {
    const parsed = parseMessage(data);
    if (!parsed) return;
    if (parsed.type === 'snapshot') {
      this.attempt = 0;
      this.setStatus('open');
    } else {
      this.handlers().onScan?.(parsed.scan);
    }
    this.handlers().onCounters?.(parsed.counters);
  }

  private closed(code: number, opened: boolean): void {
    if (code === CLOSE_FORBIDDEN) {
      this.setStatus('forbidden');
      return;
    }
    if (code === CLOSE_UNAUTHENTICATED && this.attempt === 0) {
      // Expired token: refresh and reconnect at once; back off if it keeps happening.
      this.attempt = 1;
      this.setStatus('reconnecting');
      this.connect(true);
      return;
    }
    // A refused token again, or a handshake that never opened (the browser shows a bare
    // 1006 whatever the server said; it may be a refused token): refresh before the next try.
    this.scheduleReconnect(code === CLOSE_UNAUTHENTICATED || !opened);
  }
}

/**
 * Live attendance of one event: counters (snapshot, then one update per scan or undo from
 * any gate) and the scans themselves, over a connection that keeps itself open (see
 * AttendanceConnection). `null` keeps it closed.
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
    const connection = new AttendanceConnection(eventId, () => handlersRef.current, setStatus);
    connection.open();
    return () => {
      connection.close();
    };
  }, [eventId]);

  return status;
}
