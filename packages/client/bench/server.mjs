// The bench's loopback server, run in its own process so its work is not timed with the
// client's: answers every request with the platform's success body once the request is read.
// Prints its port on stdout, then serves until its parent ends it.
import { createServer } from 'node:http';

const answer = Buffer.from(JSON.stringify({ respCode: '0000', respDesc: '成功' }));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
    res.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('disconnect', () => process.exit(0));
