import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a request looked like, for a rule to decide on. */
export type ProxiedRequest = { method: string; path: string; body: string };

/**
 * A network between sf isync and an emulated org that can lose answers: each request is forwarded, and when
 * `dropAnswer` says so, the org's answer is thrown away and the connection closed, as a connection that
 * dies after the org has committed a write. The client cannot tell whether its request ran.
 */
export type DroppingProxy = { url: string; dropped: ProxiedRequest[]; close(): Promise<void> };

export async function startDroppingProxy(targetUrl: string, dropAnswer: (request: ProxiedRequest) => boolean): Promise<DroppingProxy> {
  const dropped: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async (): Promise<void> => {
      const body = await readBody(req);
      const request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body };
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))
      ) as Record<string, string>;
      const answer = await fetch(`${targetUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
      });
      const text = await answer.text();
      if (dropAnswer(request)) {
        dropped.push(request);
        req.socket.destroy();
        return;
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name)) out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(text);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropped,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
