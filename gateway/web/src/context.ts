import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Permissions } from './session/permissions';
import type { Session } from './session/session';

/** The signed-in user, what they may do, and the branch they are working in. */
export interface AppContext {
  session: Session;
  perms: Permissions;
  branch: string;
  branches: Array<{ code: string; name: string }>;
  setBranch: (code: string) => void;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside a signed-in app');
  return ctx;
}
