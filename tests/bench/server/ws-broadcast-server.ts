// The floor of the fan-out benchmark, run as its own process like the case server is: a bare
// `ws` server that sends every message it receives to all its other clients. Prints
// `listening <port>` when ready.
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (socket: WebSocket) => {
  socket.on('message', (data: Buffer) => {
    const frame = data.toString();
    for (const client of wss.clients) if (client !== socket) client.send(frame);
  });
});
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.once('SIGTERM', () => wss.close(() => process.exit(0)));
