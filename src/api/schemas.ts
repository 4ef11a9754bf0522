/** Request/response schemas shared by routes: the single source of the API's types and of its OpenAPI document. */
import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable error code, e.g. NOT_FOUND, VALIDATION_FAILED.' }),
    message: Type.String({ description: 'What went wrong and what to do about it.' }),
    details: Type.Optional(
      Type.Array(Type.Object({
        path: Type.Optional(Type.String({ description: 'Where the problem is: a field (body/name, querystring/limit) or a JSON path.' })),
        message: Type.String(),
        offset: Type.Optional(Type.Number({ description: 'Byte offset in a file, where the problem is in one.' })),
        retryAfterSeconds: Type.Optional(Type.Number({ description: 'RATE_LIMITED: seconds until a retry may succeed.' })),
      })),
    ),
  },
  { $id: 'Error', description: 'Every error response has this shape.' },
);

export const StixObjectBody = Type.Object(
  {
    type: Type.String({ description: 'STIX type, e.g. indicator, intrusion-set, ipv4-addr.' }),
    id: Type.String({ description: 'STIX identifier `type--uuid`.' }),
  },
  { additionalProperties: true, $id: 'StixObject', description: 'A STIX 2.1 object (all of its properties).' },
);

export const StixRef = Type.Ref('StixObject');
export const ErrorRef = Type.Ref('Error');

export const errorResponses = {
  400: ErrorRef,
  401: ErrorRef,
  403: ErrorRef,
  404: ErrorRef,
  409: ErrorRef,
  429: ErrorRef,
};

export const PageOf = (item: ReturnType<typeof Type.Ref>) =>
  Type.Object({
    items: Type.Array(item),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor for the next page; null on the last page.' }),
  });

export const IdParams = Type.Object({ id: Type.String({ description: 'STIX id', pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$' }) });
export type IdParams = Static<typeof IdParams>;

/** Comma-separated list parameter → string[] */
export function csv(v: string | undefined): string[] | undefined {
  if (v === undefined || v === '') return undefined;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}
