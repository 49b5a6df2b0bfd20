import { io, type Socket } from 'socket.io-client';

/** A socket.io client on `namespace` with a token at the handshake; rejects on a refused handshake. */
export const connectSocket = (baseUrl: string, namespace: string, token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = io(baseUrl + namespace, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });

/** Resolves with the first event `name` matching `match`, or rejects after `timeoutMs`. */
export const nextEvent = <T>(socket: Socket, name: string, match: (payload: T) => boolean, timeoutMs = 5000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler);
      reject(new Error(`no ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(payload);
    };
    socket.on(name, handler);
  });
