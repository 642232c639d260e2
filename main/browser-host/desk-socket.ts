// The DeskApi over a WebSocket at /desk?session=<tab key>: JSON DeskWireFrames. The upgrade
// is refused without the host's own Origin and Host and without the desk cookie (host-access.ts). A `call` frame is
// answered by a `reply` with the same id; core events go out as `event` frames. A frame that
// is not a well-formed call gets an error reply; the connection and the host stay up.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import type { DeskReply } from '../../shared/desk-api';
import type { DeskWireFrame } from '../../shared/desk-bridge';
import type { CoreLogger } from '../core/index';
import type { DeskSessions } from './desk-sessions';
import { TAB_KEY_PATTERN } from './host-access';
import type { HostAccess } from './host-access';

export const MAX_FRAME_BYTES = 1024 * 1024;
export const DESK_SOCKET_PATH = '/desk';

const callFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  args: z.unknown(),
});

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function send(socket: WebSocket, frame: DeskWireFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function badFrame(socket: WebSocket, id: number, message: string): void {
  const reply: DeskReply = { ok: false, error: { code: 'bad_frame', message } };
  send(socket, { type: 'reply', id, reply });
}

export function createDeskSocketServer(sessions: DeskSessions, logger: CoreLogger, access: () => HostAccess) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  function handleFrame(socket: WebSocket, data: RawData, isBinary: boolean, dispatch: ReturnType<DeskSessions['attach']>['dispatch']): void {
    if (isBinary) {
      badFrame(socket, -1, 'frames are JSON text');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(frameText(data));
    } catch {
      badFrame(socket, -1, 'a frame must be JSON');
      return;
    }
    const frame = callFrameSchema.safeParse(json);
    if (!frame.success) {
      const id = typeof (json as { id?: unknown } | null)?.id === 'number' ? (json as { id: number }).id : -1;
      badFrame(socket, id, 'expected {type: "call", id, method, args}');
      return;
    }
    const { id, method, args } = frame.data;
    dispatch(method, args)
      .then((reply) => send(socket, { type: 'reply', id, reply }))
      .catch((error: unknown) => {
        logger.error({ err: error, method }, 'desk call failed outside the dispatcher');
        send(socket, { type: 'reply', id, reply: { ok: false, error: { code: 'internal', message: 'the desk failed' } } });
      });
  }

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage, key: string) => {
    const { dispatch, detach } = sessions.attach(key, (event, payload) => send(socket, { type: 'event', event, payload }));
    socket.on('message', (data, isBinary) => handleFrame(socket, data, isBinary, dispatch));
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
