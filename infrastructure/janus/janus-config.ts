import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Renders the Janus configuration templates (`templates/*.jcfg`, `{{PLACEHOLDER}}`s) into a folder
 * Janus can start from (`janus -F <dir> -C <dir>/janus.jcfg`). Used by the tests
 * (test/support/janus-server.ts) and to regenerate the defaults in `config/` (see README.md).
 * A tool for tests and operators: the running server never reads these files.
 */
export interface JanusConfigValues {
  /** Folder Janus reads its plugin and transport configs from (where the files are rendered). */
  configsFolder: string;
  serverName: string;
  apiSecret: string;
  adminSecret: string;
  /** VideoRoom `admin_key`: needed to create rooms. */
  adminKey: string;
  /** Core `interface`: the IP Janus puts in the SDP. */
  interface: string;
  /** IP the HTTP, Admin and WebSockets servers listen on. */
  bindIp: string;
  httpPort: number;
  adminPort: number;
  wsPort: number;
  /** "min-max" UDP ports for media. */
  rtpPortRange: string;
  /** Comma-separated interfaces/IPs used for ICE; empty = all. */
  iceEnforceList: string;
  debugLevel: number;
}

export const JANUS_CONFIG_FILES = [
  'janus.jcfg',
  'janus.transport.http.jcfg',
  'janus.transport.websockets.jcfg',
  'janus.plugin.videoroom.jcfg',
] as const;
export type JanusConfigFile = (typeof JANUS_CONFIG_FILES)[number];

export const JANUS_TEMPLATES_DIR = join(__dirname, 'templates');
export const JANUS_DEFAULT_CONFIG_DIR = join(__dirname, 'config');

/**
 * The values `config/` is rendered with: the folder docker-compose.yml mounts at /etc/janus-vpvkac.
 * The secrets are placeholders, to be replaced in a real deployment.
 */
export const DEFAULT_JANUS_CONFIG_VALUES: JanusConfigValues = {
  configsFolder: '/etc/janus-vpvkac',
  serverName: 'vpvkac-janus',
  apiSecret: 'change-me-api-secret',
  adminSecret: 'change-me-admin-secret',
  adminKey: 'change-me-room-admin-key',
  interface: '127.0.0.1',
  bindIp: '127.0.0.1',
  httpPort: 8088,
  adminPort: 7088,
  wsPort: 8188,
  rtpPortRange: '10000-10200',
  iceEnforceList: '',
  debugLevel: 4,
};

const SECRET = /^[A-Za-z0-9._~-]{8,128}$/;
const PLAIN = /^[A-Za-z0-9._~:/ ,-]*$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function check(values: JanusConfigValues): Record<string, string> {
  const problems: string[] = [];
  const port = (name: string, v: number): string => {
    if (!Number.isInteger(v) || v < 1 || v > 65535) problems.push(`${name} must be a TCP port`);
    return String(v);
  };
  const secret = (name: string, v: string): string => {
    if (!SECRET.test(v)) problems.push(`${name} must be 8-128 characters of A-Z a-z 0-9 . _ ~ -`);
    return v;
  };
  const plain = (name: string, v: string): string => {
    if (!PLAIN.test(v)) problems.push(`${name} contains characters not allowed in a Janus config string`);
    return v;
  };
  const ip = (name: string, v: string): string => {
    const m = IPV4.exec(v);
    if (!m || m.slice(1).some((octet) => Number(octet) > 255)) problems.push(`${name} must be an IPv4 address`);
    return v;
  };
  const range = /^(\d+)-(\d+)$/.exec(values.rtpPortRange);
  if (!range || Number(range[1]) < 1024 || Number(range[2]) > 65535 || Number(range[1]) > Number(range[2])) {
    problems.push('rtpPortRange must be "min-max" within 1024-65535');
  }
  if (!values.configsFolder.startsWith('/') || !/^[A-Za-z0-9._/-]+$/.test(values.configsFolder)) {
    problems.push('configsFolder must be an absolute path of plain characters');
  }
  if (!Number.isInteger(values.debugLevel) || values.debugLevel < 0 || values.debugLevel > 7) problems.push('debugLevel must be 0-7');
  const out = {
    CONFIGS_FOLDER: values.configsFolder,
    SERVER_NAME: plain('serverName', values.serverName),
    API_SECRET: secret('apiSecret', values.apiSecret),
    ADMIN_SECRET: secret('adminSecret', values.adminSecret),
    ADMIN_KEY: secret('adminKey', values.adminKey),
    INTERFACE: ip('interface', values.interface),
    BIND_IP: ip('bindIp', values.bindIp),
    HTTP_PORT: port('httpPort', values.httpPort),
    ADMIN_PORT: port('adminPort', values.adminPort),
    WS_PORT: port('wsPort', values.wsPort),
    RTP_PORT_RANGE: values.rtpPortRange,
    ICE_ENFORCE_LIST: plain('iceEnforceList', values.iceEnforceList),
    DEBUG_LEVEL: String(values.debugLevel),
  };
  if (new Set([values.httpPort, values.adminPort, values.wsPort]).size !== 3) problems.push('httpPort, adminPort and wsPort must differ');
  if (problems.length > 0) throw new Error(`Invalid Janus configuration: ${problems.join('; ')}`);
  return out;
}

/** Replaces every `{{NAME}}` in one template; an unknown placeholder is an error. */
export function renderJanusTemplate(template: string, values: JanusConfigValues): string {
  const byName = check(values);
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_whole, name: string) => {
    const value = byName[name];
    if (value === undefined) throw new Error(`Unknown placeholder {{${name}}} in a Janus template`);
    return value;
  });
}

/** Every config file, rendered. */
export function renderJanusConfig(values: JanusConfigValues, templatesDir = JANUS_TEMPLATES_DIR): Record<JanusConfigFile, string> {
  const rendered = {} as Record<JanusConfigFile, string>;
  for (const file of JANUS_CONFIG_FILES) rendered[file] = renderJanusTemplate(readFileSync(join(templatesDir, file), 'utf8'), values);
  return rendered;
}

/** Renders the config into `dir` (created if missing); returns the path of janus.jcfg. */
export function writeJanusConfig(dir: string, values: JanusConfigValues): string {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(renderJanusConfig(values))) writeFileSync(join(dir, file), text, { mode: 0o600 });
  return join(dir, 'janus.jcfg');
}
