// The DeskApi over a WebSocket at /desk?session=<tab key>: JSON frames of the one RPC protocol
// (shared/rpc.ts). The upgrade is refused without the host's own Origin and Host and without
// the desk cookie (host-access.ts). A `call` frame is answered by a `reply` with the same id;
// core events go out as `event` frames. A frame that is not a well-formed call gets a
// `bad_frame` reply; the connection and the host stay up. This file only carries frames:
// meaning is the dispatcher's.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { answerCalls, badFrameReply, readFrame } from '../../shared/rpc';
import type { CallFrame, Frame } from '../../shared/rpc';
import type { CoreLogger } from '../core/index';
import type { DeskSessions } from './desk-sessions';
import { TAB_KEY_PATTERN } from './host-access';
import type { HostAccess } from './host-access';

export const MAX_FRAME_BYTES = 1024 * 1024;
export const DESK_SOCKET_PATH = '/desk';

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function send(socket: WebSocket, frame: Frame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

export function createDeskSocketServer(sessions: DeskSessions, logger: CoreLogger, access: () => HostAccess) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  function handleFrame(socket: WebSocket, data: RawData, isBinary: boolean, answer: (call: CallFrame) => void): void {
    if (isBinary) {
      send(socket, badFrameReply(null, 'frames are JSON text'));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(frameText(data));
    } catch {
      send(socket, badFrameReply(null, 'a frame must be JSON'));
      return;
    }
    const frame = readFrame(json);
    if (frame?.type !== 'call') {
      send(socket, badFrameReply(json, 'expected {type: "call", id, method, args}'));
      return;
    }
    answer(frame);
  }

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage, key: string) => {
    const { dispatch, detach } = sessions.attach(key, (event, payload) => send(socket, { type: 'event', event, payload }));
    const answer = answerCalls(dispatch, (frame) => send(socket, frame));
    socket.on('message', (data, isBinary) => handleFrame(socket, data, isBinary, answer));
    socket.on('close', detach);
    socket.on('error', (error) => logger.warn({ err: error }, 'desk socket error'));
  });

  return {
    /** Takes over an HTTP upgrade to /desk; refuses anything else with an HTTP status. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const refuse = (status: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      if (url.pathname !== DESK_SOCKET_PATH) return refuse('404 Not Found');
      // only the host's own page: a browser always sends Origin, a foreign process must not
      // be let in for leaving it out
      if (!access().sameOrigin(req)) return refuse('403 Forbidden');
      const cookie = access().deskCookie(req);
      if (cookie === null) return refuse('401 Unauthorized');
      const tabKey = url.searchParams.get('session') ?? '';
      if (!TAB_KEY_PATTERN.test(tabKey)) return refuse('400 Bad Request');
      const deskId = access().deskId(cookie, tabKey);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, deskId));
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
