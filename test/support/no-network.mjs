// Test code — a guard, loaded with `--import` (through NODE_OPTIONS, so every Node
// process a build starts has it too): any TCP connection to a host other than this
// machine, or any DNS lookup of one, is refused and written to $NO_NETWORK_LOG. A
// build that needs the network then fails, and the log says what it tried to reach.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const LOCAL = new Set([undefined, null, '', 'localhost', '127.0.0.1', '::1']);
function refuse(what) {
  if (process.env.NO_NETWORK_LOG) appendFileSync(process.env.NO_NETWORK_LOG, `${process.pid} ${what}\n`);
  const error = new Error(`no-network guard: refused ${what}`);
  error.code = 'ENETUNREACH';
  return error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect passes [options, callback] normalized into an array; a direct call passes options or (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: args[1] };
  if (options.path === undefined && !LOCAL.has(options.host)) throw refuse(`a connection to ${options.host}:${options.port}`);
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!LOCAL.has(hostname)) {
    const callback = rest.at(-1);
    const error = refuse(`a DNS lookup of ${hostname}`);
    if (typeof callback === 'function') return process.nextTick(callback, error);
    throw error;
  }
  return lookup.call(this, hostname, ...rest);
};
