/** The accounts section of the storage: agencies, users, sessions and failed logins. */
import type { AdminLevel } from '../../../report/model.ts';

/** What a user may do: editor ⊂ publisher ⊂ admin. */
export type Role = 'editor' | 'publisher' | 'admin';
export const ROLES: readonly Role[] = ['editor', 'publisher', 'admin'];

/** A government body that drafts and publishes reports. */
export interface Agency {
  /** Slug, also the prefix of its report ids (`<agency>-<year>`). */
  id: string;
  nameZh: string;
  nameBo?: string;
  level: AdminLevel;
  parentId?: string;
  createdAt: string;
}

export type NewAgency = Omit<Agency, 'createdAt'>;

export interface User {
  id: number;
  /** Lower-case; unique. */
  username: string;
  agencyId: string;
  role: Role;
  createdAt: string;
}

export interface NewUser {
  username: string;
  agencyId: string;
  role: Role;
  /** The scrypt hash string (auth/password.ts), never the password. */
  passwordHash: string;
}

/** A live session: who, of which agency, until when. */
export interface SessionRecord {
  user: User;
  agency: Agency;
  expiresAt: string;
}

export interface NewSession {
  /** SHA-256 of the token: a copy of the database does not hand out sessions. */
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

/** Failed logins within a window, oldest first, by username and by client address. */
export interface LoginFailures {
  byUsername: string[];
  byIp: string[];
}

export interface AccountsSection {
  /** Throws StorageError('exists') for a taken id, ('unknown_agency') for a missing parent. */
  createAgency(agency: NewAgency): Promise<Agency>;
  getAgency(id: string): Promise<Agency | undefined>;
  listAgencies(): Promise<Agency[]>;
  /** Throws StorageError('exists') for a taken username, ('unknown_agency') for a missing agency. */
  createUser(user: NewUser): Promise<User>;
  listUsers(): Promise<User[]>;
  /** True once any admin exists (first start prints how to make one otherwise). */
  hasAdmin(): Promise<boolean>;
  /** The user and password hash for a login, or undefined for an unknown username. */
  getCredentials(username: string): Promise<{ user: User; passwordHash: string } | undefined>;
  createSession(session: NewSession): Promise<void>;
  /** The session of a token hash when it has not expired at `now` (ISO). */
  getSession(tokenHash: string, now: string): Promise<SessionRecord | undefined>;
  /** Moves the expiry of a session (sliding expiry). */
  extendSession(tokenHash: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  recordLoginFailure(failure: { username: string; ip: string; at: string }): Promise<void>;
  /** Failures since `since` (ISO) for the username and for the address: the newest 100 of each, oldest first. */
  loginFailures(query: { username: string; ip: string; since: string }): Promise<LoginFailures>;
  /** Forgets the failures of a username (after a successful login). */
  clearLoginFailures(username: string): Promise<void>;
  /** Deletes expired sessions and failures older than `failuresBefore`. */
  pruneAuth(now: string, failuresBefore: string): Promise<void>;
}
