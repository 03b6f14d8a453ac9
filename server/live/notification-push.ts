import { LIVE_EVENTS, type LiveNotification } from '../../shared/live.ts';
import type { LiveServer } from './io-types.ts';

// A new notification goes to its audience's delivery room on this node (audiences are room names:
// `operator`, `force:<gate>:<force>`, `enterprise:<taxCode>`), as its own typed event outside the
// seq/baseSeq stream: a console adds it by id, so hearing it twice changes nothing.

export function pushNotification(io: LiveServer, audience: string, notification: LiveNotification): void {
  if (!io.sockets.adapter.rooms.has(audience)) return;
  io.to(audience).emit(LIVE_EVENTS.notification, notification);
}
