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
  /** Single use: every refresh answers the next one, which replaces it. */
  refreshToken: string;
  refreshExpiresAt: string;
  chain: string;
  user: User;
}

/** What `POST /api/identity/login` and `POST /api/identity/token/refresh` answer. */
export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  chain?: string;
  user: Partial<User> & { id: string };
}

export function sessionFromLogin(response: LoginResponse, chain: string): Session {
  const u = response.user;
  return {
    accessToken: response.accessToken,
    expiresAt: response.expiresAt,
    refreshToken: response.refreshToken,
    refreshExpiresAt: response.refreshExpiresAt,
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

/**
 * A stored session that is well-formed and can still be refreshed, else undefined. Its access token may have expired
 * (a phone asleep overnight): the refresh token brings a fresh one.
 */
export function parseStoredSession(raw: string | null, now: Date): Session | undefined {
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Session;
    if (!s?.accessToken || !s.refreshToken || !s.user?.id || !Array.isArray(s.user.roles)) return undefined;
    const expires = Date.parse(s.refreshExpiresAt);
    if (Number.isNaN(expires) || expires <= now.getTime()) return undefined;
    return { ...s, user: { ...s.user, branches: s.user.branches ?? [] } };
  } catch {
    return undefined;
  }
}
