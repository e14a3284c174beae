// A small static file server for a built site (tests and benchmarks): serves under a base path,
// gzips text like a real static host, and counts the bytes it sends.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Bytes sent on the wire since the last reset, per request path. */
  sent: Map<string, number>;
  /** Requests answered since the last reset (404s included), per request path. */
  requests: Map<string, number>;
  resetCounts: () => void;
  close: () => Promise<void>;
}

export async function serveStatic(dir: string, base = '/'): Promise<StaticServer> {
  const sent = new Map<string, number>();
  const requests = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) return notFound(res);
    rel = rel.slice(base.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) return notFound(res);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return notFound(res, path.join(dir, '404.html'));
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    let body: Buffer = fs.readFileSync(file);
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache' };
    if (/gzip/.test(String(req.headers['accept-encoding'])) && type !== 'application/octet-stream') {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    sent.set(url.pathname, (sent.get(url.pathname) ?? 0) + body.length);
    res.writeHead(200, headers).end(body);
  });
  const notFound = (res: http.ServerResponse, page?: string) => {
    res
      .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      .end(page && fs.existsSync(page) ? fs.readFileSync(page) : 'not found');
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    sent,
    requests,
    resetCounts: () => {
      sent.clear();
      requests.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
