/** `tokendesk ca serve`: opens the CA from its data dir and listens on HTTPS. */
import { closeCaContext, openCaContext, type CaContext } from './ca-context.js';
import { buildCaHttpApp } from './http/ca-http-app.js';
import { loadServerTls } from './pki/server-tls.js';

export interface RunningCaServer {
  url: string;
  port: number;
  host: string;
  context: CaContext;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  estOnly?: boolean;
  logger?: boolean;
  env?: NodeJS.ProcessEnv;
}

export async function startCaServer(dataDir: string, options: ServeOptions = {}): Promise<RunningCaServer> {
  const context = await openCaContext(dataDir, options.env ?? process.env);
  if (options.estOnly) context.config = { ...context.config, estOnly: true };
  try {
    const app = await buildCaHttpApp(context, { tls: await loadServerTls(dataDir, context.master), logger: options.logger ?? false });
    const host = options.host ?? context.config.host;
    await app.listen({ port: options.port ?? context.config.port, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    return {
      url: `https://${urlHost}:${port}`,
      port,
      host,
      context,
      async close() {
        await app.close();
        await closeCaContext(context);
      },
    };
  } catch (error) {
    await closeCaContext(context);
    throw error;
  }
}
