// The offline web that UrlFetchApp reaches: the servers a service emulation publishes (the Gmail
// API's REST and batch endpoints), and the OAuth access tokens ScriptApp.getOAuthToken issues.
import type { ExecutionContext, Kernel } from './kernel';
import { randomText } from './random';

/** One HTTP request as a server sees it; header names are lower case. */
export interface HttpRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  /** Header name → value, names as the server writes them. */
  headers: Record<string, string>;
  body: Buffer;
}

/** What a server may do besides answering: read the world, spend the execution's time. */
export interface WebCall {
  ctx: ExecutionContext;
  /** Advances the execution's clock by one latency drawn from the cost model's row. */
  charge(costKey: string): void;
}

export interface WebServer {
  /** `https://host`, as `URL.origin` writes it. */
  origin: string;
  serve(request: HttpRequest, call: WebCall): HttpResponse;
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** Every server of the world, by origin. */
export class WebServers {
  private readonly byOrigin = new Map<string, WebServer>();

  /** Publishes a server (again: the same server replaces itself, so factories may call it per execution). */
  publish(server: WebServer): void {
    this.byOrigin.set(server.origin.toLowerCase(), server);
  }

  find(url: URL): WebServer | undefined {
    return this.byOrigin.get(url.origin.toLowerCase());
  }
}

export function webOf(kernel: Kernel): WebServers {
  return kernel.state('web', () => new WebServers());
}

/** A JSON answer as Google's APIs write it (two-space indented). */
export function jsonResponse(status: number, value: unknown): HttpResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: Buffer.from(JSON.stringify(value, null, 2)),
  };
}

// ---- OAuth access tokens ----

/** Google access tokens live one hour (OAuth 2.0 documentation: expires_in 3599). */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** getOAuthToken hands out a fresh token when the cached one has less than this left (unverified). */
const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

export interface AccessToken {
  token: string;
  user: string;
  projectId: string;
  scopes: readonly string[];
  expiresAt: number;
}

/** Every token issued in the world: opaque strings that name a user, a project and its scopes. */
export class AccessTokens {
  private readonly byToken = new Map<string, AccessToken>();
  private readonly latest = new Map<string, AccessToken>();

  /** The user's live token for the project (a new one when none is left or the scopes changed). */
  issue(kernel: Kernel, user: string, projectId: string, scopes: readonly string[]): string {
    const key = `${user}\u0000${projectId}`;
    const now = kernel.now();
    const cached = this.latest.get(key);
    if (
      cached &&
      cached.expiresAt - now > TOKEN_RENEWAL_MARGIN_MS &&
      cached.scopes.join(' ') === scopes.join(' ')
    )
      return cached.token;
    const token = `ya29.${randomText(() => kernel.random(), 40)}`;
    const record = {
      token,
      user,
      projectId,
      scopes: [...scopes],
      expiresAt: now + TOKEN_LIFETIME_MS,
    };
    this.byToken.set(token, record);
    this.latest.set(key, record);
    return token;
  }

  /** Revoking the add-on ends every token the user holds. */
  revokeUser(user: string): void {
    for (const [token, record] of this.byToken)
      if (record.user === user) {
        this.byToken.delete(token);
        this.latest.delete(`${user}\u0000${record.projectId}`);
      }
  }

  /** The token's record while it is valid: known, not expired, its user still authorized. */
  check(kernel: Kernel, token: string): AccessToken | undefined {
    const record = this.byToken.get(token);
    if (!record || record.expiresAt <= kernel.now()) return undefined;
    return kernel.user(record.user)?.authorized ? record : undefined;
  }
}

export function accessTokensOf(kernel: Kernel): AccessTokens {
  return kernel.state('oauth-tokens', () => new AccessTokens());
}
