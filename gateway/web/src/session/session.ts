export type Role = 'owner' | 'manager' | 'clerk' | 'hq' | 'supplier';

export interface User {
  id: string;
  name: string;
  username?: string;
  roles: string[];
  branches: string[];
  supplierId?: string | null;
}

export interface Session {
  accessToken: string;
  expiresAt: string;
  chain: string;
  user: User;
}

/** What `POST /api/identity/login` answers. */
export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  chain?: string;
  user: Partial<User> & { id: string };
}

export function sessionFromLogin(response: LoginResponse, chain: string): Session {
  const u = response.user;
  return {
    accessToken: response.accessToken,
    expiresAt: response.expiresAt,
    chain: response.chain ?? chain,
    user: {
      id: u.id,
      name: u.name ?? u.username ?? u.id,
      username: u.username,
      roles: (u.roles ?? []).map((r) => r.toLowerCase()),
      branches: u.branches ?? [],
      supplierId: u.supplierId ?? null,
    },
  };
}

/** A stored session that is well-formed and not yet expired, else undefined. */
export function parseStoredSession(raw: string | null, now: Date): Session | undefined {
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Session;
    if (!s?.accessToken || !s.user?.id || !Array.isArray(s.user.roles)) return undefined;
    const expires = Date.parse(s.expiresAt);
    if (Number.isNaN(expires) || expires <= now.getTime()) return undefined;
    return { ...s, user: { ...s.user, branches: s.user.branches ?? [] } };
  } catch {
    return undefined;
  }
}
