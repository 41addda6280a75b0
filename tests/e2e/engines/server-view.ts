/**
 * What the server holds, seen from the test over the staff API (not through a browser): an
 * official's session, their agency's draft of a year and one field of it. The one place that
 * knows the API's answers, for the flows' checks.
 */
import type { Account } from '../support/lotho-cli.ts';

interface DraftList {
  drafts: { id: string; year: number }[];
}

interface DraftAnswer {
  draft: { fields: Record<string, { value: unknown } | undefined> };
}

export class ServerView {
  private constructor(
    private readonly serverURL: string,
    private readonly token: string,
  ) {}

  static async signIn(serverURL: string, account: Account): Promise<ServerView> {
    const response = await fetch(`${serverURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: account.username, password: account.password }),
    });
    if (!response.ok) throw new Error(`login of ${account.username}: ${String(response.status)}`);
    const { token } = (await response.json()) as { token: string };
    return new ServerView(serverURL, token);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.serverURL}${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${String(response.status)}`);
    return (await response.json()) as T;
  }

  /** The value of `field` (e.g. `cell:requests.new_received.total`) in the draft of `year`; undefined without one. */
  async field(year: number, field: string): Promise<unknown> {
    const { drafts } = await this.get<DraftList>('/api/drafts');
    const draft = drafts.find((d) => d.year === year);
    if (draft === undefined) return undefined;
    const { draft: full } = await this.get<DraftAnswer>(`/api/drafts/${encodeURIComponent(draft.id)}`);
    return full.fields[field]?.value;
  }
}
