/**
 * The CA server for the throughput bench, in its own process (the load-generating
 * clients must not share its event loop): `startCaServer` on the data dir given,
 * one JSON line {url, port} on stdout when listening, closes when stdin ends.
 */
import { startCaServer } from '../../src/server/ca-server.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ca-child.ts DATA_DIR');
const server = await startCaServer(dataDir, { host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
