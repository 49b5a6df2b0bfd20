import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { invalid } from '@modules/shared-kernel';

/** Private, loopback, link-local, CGNAT, multicast and reserved ranges (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  const v6 = address.toLowerCase();
  if (v6 === '::1' || v6 === '::') return true;
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(v6);
}

const refuse = (lv: string, en: string): Error =>
  invalid('INTAKE.UNSAFE_WEBHOOK_URL', 'Nederīga piegādes adrese', 'Unsafe delivery address', [{ field: 'url', code: 'unsafe_url', messageLv: lv, messageEn: en }]);

/**
 * Checks an institution's webhook address against SSRF: https only and no private, loopback or
 * link-local target (every resolved address), unless the test configuration allows them.
 */
export async function assertSafeOutboundUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('Nederīga saite', 'Not a valid URL');
  }
  if (url.username || url.password) throw refuse('Saitē nedrīkst būt lietotājvārds vai parole', 'No credentials in the URL');
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw refuse('Atļauts tikai https', 'Only https is allowed');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((r) => r.address);
  if (addresses.length === 0) throw refuse('Adresi nevar atrisināt', 'The host does not resolve');
  if (addresses.some(isPrivateAddress)) throw refuse('Iekšējā tīkla adreses nav atļautas', 'Private network addresses are not allowed');
  return url;
}

/** What `dns.lookup` answers with `all: true`. */
export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void;
/** The `lookup` option of `net.connect` / `http.request`. */
export type ConnectLookup = (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => void;

/** The error a guarded lookup fails the connection with (becomes the delivery's `lastError`). */
export const UNSAFE_ADDRESS = 'EUNSAFEADDRESS';

/**
 * A `lookup` for outgoing connections that checks the addresses it hands to the socket: the
 * connection goes to an address that was checked, at connect time, so a name that resolved to a
 * public address for `assertSafeOutboundUrl` and to a private one a moment later (DNS rebinding)
 * is refused. IP literals never reach a lookup; `assertSafeOutboundUrl` checks those.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = systemResolver): ConnectLookup {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((all) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
        const addresses = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
          callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: UNSAFE_ADDRESS }), '', 0);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}
