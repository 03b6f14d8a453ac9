import type { LiveServer } from './io-types.ts';
import type { Role } from '../../shared/auth.ts';
import { parseRoom } from './rooms.ts';

// Who is connected, by role, counted from the delivery room each socket joined (for /metrics).

export type LiveRole = 'public' | Role;

export function socketsByRole(io: LiveServer): Record<LiveRole, number> {
  const counts: Record<LiveRole, number> = { public: 0, operator: 0, border_force: 0, enterprise: 0 };
  for (const socket of io.of('/').sockets.values()) {
    for (const name of socket.rooms) {
      const room = parseRoom(name);
      if (!room) continue;
      counts[room.kind === 'force' ? 'border_force' : room.kind] += 1;
      break;
    }
  }
  return counts;
}
