import { z } from 'zod';
import { Force, GateId, OffsetDateTime } from './primitives.ts';

// Sign-in and roles (CONTRACT §4). Anonymous users are the public board: no token at all.

export const Role = z.enum(['operator', 'border_force', 'enterprise']);
export type Role = z.infer<typeof Role>;

export const TaxCode = z.string().regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits, optionally - and 3 digits');

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who is signed in — what the server tells the console about the user. */
export const SessionUser = z.object({
  username: z.string(),
  role: Role,
  gateId: GateId.optional(),
  force: Force.optional(),
  taxCode: TaxCode.optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: OffsetDateTime, user: SessionUser });
export type LoginResponse = z.infer<typeof LoginResponse>;
