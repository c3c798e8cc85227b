/**
 * Small Node.js programs that kernel-node.ts runs *inside* network namespaces with
 * `ip netns exec NS node -e <source> <json-config>`.
 *
 * They are plain CommonJS strings (not TypeScript modules) so the child process needs no
 * loader (no tsx, no build step) and starts in ≈ 100 ms. Each one takes a single JSON argument.
 */

/**
 * TCP listener agent: serves every `{host, port, reply}` of its config from one process.
 * Each accepted connection gets one line, `<reply> <peerIP>:<peerPort>\n`, then the server
 * closes it: the reply names the endpoint that answered, the peer is the source address the
 * endpoint saw (after any masquerade). Prints `ready\n` once every socket listens.
 * It exits when stdin closes (so an orphan dies with the test process that spawned it) and
 * after `maxLifetimeMs` at the latest (a bound on how long it can ever run).
 */
export const LISTENER_AGENT = String.raw`
const net = require('node:net');
const cfg = JSON.parse(process.argv[1]);
let pending = cfg.listen.length;
for (const l of cfg.listen) {
  const server = net.createServer((sock) => {
    sock.on('error', () => {});
    sock.end(l.reply + ' ' + sock.remoteAddress + ':' + sock.remotePort + '\n');
  });
  server.on('error', (e) => {
    process.stderr.write('listen ' + l.host + ':' + l.port + ': ' + e.message + '\n');
    process.exit(2);
  });
  server.listen({ host: l.host, port: l.port, backlog: 1024 }, () => {
    pending -= 1;
    if (pending === 0) process.stdout.write('ready\n');
  });
}
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(3), cfg.maxLifetimeMs).unref();
`;

/**
 * TCP client agent: opens `tries` connections to `host:port` (at most `concurrency` at a time,
 * each a new socket, hence a new source port and a new conntrack entry, so `-m statistic`
 * rolls again for each), reads the listener's line and prints one JSON tally on stdout.
 * A connection that neither completes nor fails within `timeoutMs` counts as a timeout.
 */
export const CONNECT_AGENT = String.raw`
const net = require('node:net');
const cfg = JSON.parse(process.argv[1]);
const out = {
  hits: {}, sources: {}, errors: {},
  failed: { refused: 0, timeout: 0, unreachable: 0, other: 0 },
};
const bump = (obj, key) => { obj[key] = (obj[key] || 0) + 1; };
function classify(code) {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'timeout-connecting' || code === 'timeout-connected') return 'timeout';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'unreachable';
  return 'other';
}
function once() {
  return new Promise((resolve) => {
    let done = false;
    let connected = false;
    let buf = '';
    const sock = net.connect({ host: cfg.host, port: cfg.port });
    const finish = (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const line = buf.trim();
      if (code === null && line !== '') {
        const [who, peer] = line.split(' ');
        bump(out.hits, who);
        if (peer) bump(out.sources, peer.slice(0, peer.lastIndexOf(':')));
      } else {
        const c = code === null ? 'closed-without-reply' : code;
        bump(out.errors, c);
        out.failed[classify(c)] += 1;
      }
      resolve();
    };
    const timer = setTimeout(() => finish(connected ? 'timeout-connected' : 'timeout-connecting'), cfg.timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => { connected = true; });
    sock.on('data', (d) => { buf += d; });
    sock.on('end', () => finish(null));
    sock.on('close', () => finish(null));
    sock.on('error', (e) => finish(e.code || 'error'));
  });
}
let next = 0;
async function worker() {
  while (next < cfg.tries) {
    next += 1;
    await once();
  }
}
const started = Date.now();
Promise.all(Array.from({ length: Math.min(cfg.concurrency, cfg.tries) }, worker)).then(() => {
  out.elapsedMs = Date.now() - started;
  process.stdout.write(JSON.stringify(out) + '\n');
});
`;
