import type { SessionUser } from '../../shared/auth.ts';

// A signed-in user's audience: the name of their live delivery room (server/live/rooms.ts), so a
// notification for `force:huu-nghi:customs` reaches exactly the sockets of that room.

export function audienceOf(user: SessionUser): string | undefined {
  switch (user.role) {
    case 'operator':
      return 'operator';
    case 'border_force':
      return user.gateId !== undefined && user.force !== undefined ? `force:${user.gateId}:${user.force}` : undefined;
    case 'enterprise':
      return user.taxCode !== undefined ? `enterprise:${user.taxCode}` : undefined;
  }
}
