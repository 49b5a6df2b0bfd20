import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/asyncapi.yaml against the code: the socket events it names are the ones the typed event maps
 * define (contracts/queue-socket-events.ts), every $ref resolves, and every object schema keeps its
 * fields under `properties` (a lost `properties:` key once turned the ticket schema into prose).
 */
const root = join(__dirname, '../../../..');
const doc = load(readFileSync(join(root, 'docs/asyncapi.yaml'), 'utf8')) as Record<string, unknown>;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON Schema keywords that may stand beside `type: object`. */
const SCHEMA_KEYWORDS = new Set([
  'type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'format', 'minItems', 'maxItems',
  'minimum', 'maximum', 'maxLength', 'minLength', '$ref', 'oneOf', 'anyOf', 'allOf', 'title', 'examples', 'default', 'pattern',
]);

function walk(node: unknown, path: string, visit: (node: Node, path: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (isNode(node)) {
    visit(node, path);
    for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`, visit);
  }
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, part) => (isNode(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
}

/** The event names of the queue's typed socket.io event maps, read from the contract's source. */
function contractEvents(): string[] {
  const source = readFileSync(join(root, 'modules/scheduling/contracts/queue-socket-events.ts'), 'utf8');
  return [...source.matchAll(/^\s+'([a-z]+:[a-z-]+)':/gm)].map((m) => m[1]!).sort();
}

describe('docs/asyncapi.yaml', () => {
  it('names exactly the socket events of the queue contract on /queue, /display and /track', () => {
    const channels = doc.channels as Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    const documented = Object.values(channels)
      .filter((c) => ['/queue', '/display', '/track'].includes(c.address))
      .flatMap((c) => Object.values(c.messages).map((m) => (resolve(m.$ref) as { name: string }).name))
      .sort();
    expect(documented).toEqual(contractEvents());
    expect(contractEvents()).toEqual(expect.arrayContaining(['queue:changes', 'queue:join', 'queue:sync', 'display:state', 'display:called', 'display:sync', 'track:update']));
  });

  it('resolves every $ref', () => {
    const broken: string[] = [];
    walk(doc, '', (node, path) => {
      if (typeof node.$ref === 'string' && resolve(node.$ref) === undefined) broken.push(`${path}: ${node.$ref}`);
    });
    expect(broken).toEqual([]);
  });

  it('keeps the fields of every object schema under `properties`', () => {
    const stray: string[] = [];
    walk(doc, '', (node, path) => {
      if (node.type !== 'object' || !/\.(payload|schemas\.[^.]+|properties\.[^.]+|items)$/.test(path)) return;
      for (const key of Object.keys(node)) if (!SCHEMA_KEYWORDS.has(key)) stray.push(`${path}.${key}`);
    });
    expect(stray).toEqual([]);
    // The shared schemas describe views field by field (text that only looks like fields is prose).
    const schemas = (doc.components as { schemas: Record<string, Node> }).schemas;
    const withoutFields = Object.entries(schemas)
      .filter(([, schema]) => schema.type === 'object' && !isNode(schema.properties))
      .map(([name]) => name);
    expect(withoutFields).toEqual([]);
  });

  it('documents the seq on every queue event that carries one, tracker views included', () => {
    const messages = (doc.components as { messages: Record<string, Node> }).messages;
    const props = (name: string): Node => {
      const payload = messages[name]!.payload as Node;
      return ((payload.items as Node | undefined)?.properties ?? payload.properties) as Node;
    };
    for (const name of ['queueChange', 'displayState', 'displayCalled', 'trackUpdate']) expect(props(name)).toHaveProperty('seq');
  });
});
