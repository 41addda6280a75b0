/** The accounts section of the storage: agencies, users, sessions, failed logins, and the account audit. */
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

/** A user as an admin manages it (the accounts page). */
export interface Account extends User {
  /** Cannot sign in; its sessions were ended when it was disabled. */
  disabled: boolean;
  /** Signs in with a one-time code and must choose a password before anything else. */
  mustChangePassword: boolean;
  /** When a session was last made for it; absent when it never signed in. */
  lastSignInAt?: string;
}

/** What an account change was, in the audit history. */
export type AccountAction = 'create' | 'reset_password' | 'disable' | 'enable' | 'change_role' | 'set_password';
export const ACCOUNT_ACTIONS: readonly AccountAction[] = ['create', 'reset_password', 'disable', 'enable', 'change_role', 'set_password'];

/** One change of an account: who made it (a username, or `cli:<name>` from the command line), when, what. */
export interface AccountAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AccountAction;
  userId: number;
  username: string;
  /** The account's agency at the time. */
  agencyId: string;
  /** The role given (create, change_role). */
  role?: Role;
  /** The role before (change_role). */
  roleBefore?: Role;
}

/** A change an admin (or the user, for `password`) makes to an account. */
export type AccountChange =
  | { kind: 'role'; role: Role }
  | { kind: 'disabled'; disabled: boolean }
  /** A one-time code's hash: to be replaced at the next sign-in; every session of the account ends. */
  | { kind: 'reset'; passwordHash: string }
  /** The user's own new password: the one-time code no longer works, the must-change mark goes. */
  | { kind: 'password'; passwordHash: string };

/** A live session: who, of which agency, until when. */
export interface SessionRecord {
  user: User;
  agency: Agency;
  expiresAt: string;
  /** Signed in with a one-time code: nothing but choosing a password until it is done. */
  mustChangePassword: boolean;
}

export interface NewSession {
  /** SHA-256 of the token: a copy of the database does not hand out sessions. */
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

/** What a sign-in checks. */
export interface Credentials {
  user: User;
  passwordHash: string;
  disabled: boolean;
  mustChangePassword: boolean;
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
  getCredentials(username: string): Promise<Credentials | undefined>;
  /** The accounts of the agencies of a subtree (the agency `rootId` and every one below it). */
  subtreeAccounts(rootId: string): Promise<Account[]>;
  getAccount(userId: number): Promise<Account | undefined>;
  /**
   * Creates a user who must choose a password at the first sign-in, and its audit entry, at once.
   * Errors as createUser.
   */
  addAccount(user: NewUser, actor: string): Promise<Account>;
  /**
   * Applies a change and writes its audit entry in one transaction; disabling and a reset end the
   * account's sessions. Throws StorageError('unknown_user') for a missing account.
   */
  changeAccount(userId: number, change: AccountChange, actor: string): Promise<Account>;
  /** The audit entries of the accounts of a subtree, newest first, at most `limit`. */
  subtreeAccountAudit(rootId: string, limit: number): Promise<AccountAuditEntry[]>;
  /** Replaces a user's password hash (a stronger hash of the same password at sign-in). */
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  /** Makes a session and records it as the user's last sign-in. */
  createSession(session: NewSession): Promise<void>;
  /** The session of a token hash when it has not expired at `now` (ISO) and its account is not disabled. */
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
