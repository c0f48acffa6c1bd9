// Checks a JSON value against a message of Google's published protos (from google-proto-files),
// as the proto3 JSON mapping reads it: every key must be a known field (by its JSON name or proto
// name), every value of the field's type. Used for add-on manifests and card JSON.
import path from 'node:path';
import protobuf from 'protobufjs';

const PROTO_ROOT = path.dirname(require.resolve('google-proto-files/package.json'));

const roots = new Map<string, protobuf.Root>();

/** Loads (once) the given .proto files, resolving imports inside google-proto-files. */
export function loadProtos(files: string[]): protobuf.Root {
  const key = files.join('|');
  const cached = roots.get(key);
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_ROOT, target);
  root.loadSync(files, { keepCase: false });
  root.resolveAll();
  roots.set(key, root);
  return root;
}

const INT_TYPES = new Set([
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
]);

/** Returns one message per problem found; an empty list means the value fits the message type. */
export function checkJsonAgainst(type: protobuf.Type, value: unknown, where = type.name): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${where}: expected an object for ${type.fullName}, got ${describe(value)}`];
  }
  const problems: string[] = [];
  const oneofsSeen = new Map<string, string>();
  for (const [key, fieldValue] of Object.entries(value)) {
    const field =
      type.fields[key] ??
      Object.values(type.fields).find((f) => jsonName(f.name) === key || protoName(f) === key);
    if (!field) {
      problems.push(`${where}.${key}: unknown field of ${type.fullName}`);
      continue;
    }
    if (field.partOf) {
      const other = oneofsSeen.get(field.partOf.name);
      if (other)
        problems.push(
          `${where}: ${other} and ${key} are both set, but they are one of ${field.partOf.name}`,
        );
      oneofsSeen.set(field.partOf.name, key);
    }
    const at = `${where}.${key}`;
    if (field.repeated) {
      if (!Array.isArray(fieldValue))
        problems.push(`${at}: expected a list, got ${describe(fieldValue)}`);
      else
        fieldValue.forEach((item, i) => problems.push(...checkField(field, item, `${at}[${i}]`)));
    } else if (field.map) {
      if (typeof fieldValue !== 'object' || fieldValue === null)
        problems.push(`${at}: expected a map`);
      else
        for (const [k, v] of Object.entries(fieldValue))
          problems.push(...checkField(field, v, `${at}.${k}`));
    } else problems.push(...checkField(field, fieldValue, at));
  }
  return problems;
}

function checkField(field: protobuf.Field, value: unknown, at: string): string[] {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    if (typeof value === 'string' && value in resolved.values) return [];
    if (typeof value === 'number' && Object.values(resolved.values).includes(value)) return [];
    return [`${at}: ${JSON.stringify(value)} is not a value of ${resolved.fullName}`];
  }
  if (resolved instanceof protobuf.Type) return checkMessage(resolved, value, at);
  return checkScalar(field.type, value, at);
}

function checkMessage(type: protobuf.Type, value: unknown, at: string): string[] {
  switch (type.fullName) {
    case '.google.protobuf.BoolValue':
      return typeof value === 'boolean'
        ? []
        : [`${at}: expected a boolean, got ${describe(value)}`];
    case '.google.protobuf.StringValue':
      return typeof value === 'string' ? [] : [`${at}: expected a string, got ${describe(value)}`];
    case '.google.protobuf.Int32Value':
    case '.google.protobuf.Int64Value':
      return Number.isInteger(Number(value))
        ? []
        : [`${at}: expected an integer, got ${describe(value)}`];
    case '.google.protobuf.ListValue':
      return Array.isArray(value) ? [] : [`${at}: expected a list, got ${describe(value)}`];
    case '.google.protobuf.Struct':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? []
        : [`${at}: expected an object`];
    case '.google.protobuf.Value':
      return [];
    default:
      return checkJsonAgainst(type, value, at);
  }
}

function checkScalar(protoType: string, value: unknown, at: string): string[] {
  const ok =
    protoType === 'string'
      ? typeof value === 'string'
      : protoType === 'bool'
        ? typeof value === 'boolean'
        : protoType === 'bytes'
          ? typeof value === 'string'
          : protoType === 'double' || protoType === 'float'
            ? typeof value === 'number'
            : INT_TYPES.has(protoType)
              ? Number.isInteger(typeof value === 'string' ? Number(value) : value)
              : false;
  return ok ? [] : [`${at}: expected ${protoType}, got ${describe(value)}`];
}

const jsonName = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const protoName = (field: protobuf.Field) =>
  ((field as unknown as { options?: Record<string, unknown> }).options?.json_name as
    string | undefined) ?? field.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const describe = (value: unknown) =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
