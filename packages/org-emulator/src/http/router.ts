/**
 * Route table for the versioned REST API (`/services/data/vNN.N/...`): method + path pattern -> handler,
 * with the StatKind each route is counted under. Unknown paths get Salesforce's 404 NOT_FOUND and a known
 * path with the wrong method gets its 405.
 */
import { apiError, type EmulatorRequest, type EmulatorResponse, type StatKind } from './types.js';

export type Handler<C> = (req: EmulatorRequest, ctx: C, params: string[]) => EmulatorResponse | Promise<EmulatorResponse>;

export type Route<C> = { method: string; pattern: RegExp; kind: StatKind; handler: Handler<C> };

/** A path segment as the client meant it; a malformed escape is kept as sent rather than failing the request. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const notFound = (): EmulatorResponse => apiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export class Router<C> {
  private readonly routes: Array<Route<C>> = [];

  public add(method: string, pattern: RegExp, kind: StatKind, handler: Handler<C>): this {
    this.routes.push({ method, pattern, kind, handler });
    return this;
  }

  /** The matching route and its captured path segments (URI-decoded), or why none matched. */
  public match(method: string, path: string): { route: Route<C>; params: string[] } | 'notFound' | 'badMethod' {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method === method) return { route, params: m.slice(1).map((p) => decodeSegment(p ?? '')) };
    }
    return pathMatched ? 'badMethod' : 'notFound';
  }
}

export function methodNotAllowed(method: string): EmulatorResponse {
  return apiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,HEAD,PATCH,POST,DELETE`);
}
