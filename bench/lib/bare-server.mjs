// The Node.js ceiling: a bare node:http server returning a static body of a given size
// (GET /bytes/<n>) or an empty 304 (GET /not-modified). Run as its own process by the benchmark
// so it never shares an event loop with the load generator. Prints "listening <port>".
import { createServer } from "node:http";

const bodies = new Map();
function body(size) {
  let buffer = bodies.get(size);
  if (!buffer) {
    // HTML-ish filler: what a page of that size costs to send, without any work to make it.
    const unit = Buffer.from("<p>The quick brown fox jumps over the lazy dog.</p>\n");
    buffer = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += unit.length) unit.copy(buffer, offset, 0, Math.min(unit.length, size - offset));
    if (bodies.size < 64) bodies.set(size, buffer);
  }
  return buffer;
}

const server = createServer((request, response) => {
  const match = /^\/bytes\/(\d{1,8})$/.exec(request.url ?? "");
  if (match) {
    const payload = body(Number(match[1]));
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": payload.length });
    response.end(payload);
    return;
  }
  if (request.url === "/not-modified") {
    response.writeHead(304, { etag: 'W/"0-baseline"', "cache-control": "private, no-cache" });
    response.end();
    return;
  }
  response.writeHead(404);
  response.end();
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("disconnect", () => process.exit(0));
