// The review pages' static files, served by the app itself (no CDN): our CSS and two small scripts from
// public/review/, and Chart.js's UMD build from node_modules. Read once at start; only the listed names are served.
// A missing file is logged and left out rather than stopping the service: webhooks matter more than styling.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// ../../public/review/ from src/review/ (tsx, tests) and from dist/review/ (npm start) alike.
export const ASSETS_DIR = fileURLToPath(new URL('../../public/review/', import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function chartJsPath(): string {
  // chart.js's exports map has no ./dist/* entry; its main entry lives next to the UMD build.
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const files: Array<[route: string, file: () => string, type: string]> = [
    ['/assets/review/review.css', () => join(ASSETS_DIR, 'review.css'), CSS],
    ['/assets/review/review.js', () => join(ASSETS_DIR, 'review.js'), JS],
    ['/assets/review/analytics.js', () => join(ASSETS_DIR, 'analytics.js'), JS],
    ['/assets/chart.umd.js', chartJsPath, JS],
  ];
  for (const [route, file, type] of files) {
    let body: Buffer;
    try {
      body = readFileSync(file());
    } catch (err) {
      app.log.error({ route, err: (err as Error).message }, 'review asset missing: the pages work but look plain (ship public/ next to dist/)');
      continue;
    }
    app.get(route, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=300').send(body));
  }
}
