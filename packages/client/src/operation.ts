import { operationTable, tokenOperation } from './generated/operations.js';
import type { BodyValidator, ParametersValidator } from './validation-issue.js';

/** A path or query parameter of an operation, as the road encodes and reads it. */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  /** The JSON type of its value: what the api reads the URL's text as. */
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  /** The type of an array's items. */
  items?: 'string' | 'number' | 'integer' | 'boolean';
}

/** One operation of the contract, as the request road sends it. */
export interface Operation {
  /** The operationId: the method's name. */
  id: string;
  method: string;
  /** The path template (`/v1/orders/{orderId}`), appended to the base URL. */
  path: string;
  /** The auth modes the contract accepts for it; empty for the token endpoint. */
  security: readonly ('signature' | 'token')[];
  /** The generated validator of its request body; `null` for an operation without one. */
  validate: BodyValidator | null;
  /** Its path and query parameters, path ones first; empty when it has none. */
  parameters: readonly Parameter[];
  /** The generated validator of its parameters, when it has some. */
  validateParameters: ParametersValidator | undefined;
  /** The token endpoint: it authenticates with its own signed body, no `Authorization`. */
  tokenEndpoint: boolean;
  /**
   * The contract marks it `x-tianman-idempotent`: sending it twice has the effect of sending it
   * once, so a request the server may have read is sent again after a failure without answer.
   */
  idempotent: boolean;
  /** A 2xx answer it declares has no content: such an answer, with an empty body, succeeds. */
  emptySuccess: boolean;
}

/** A row of the generated table: the fields it leaves out when they would say nothing. */
interface Row {
  method: string;
  path: string;
  security?: readonly ('signature' | 'token')[];
  validate: BodyValidator | null;
  parameters?: readonly Parameter[];
  validateParameters?: ParametersValidator;
  idempotent?: boolean;
  emptySuccess?: boolean;
}

/** An operation from its row of the generated table. */
const fromRow = (id: string, row: Row, tokenEndpoint: boolean): Operation => ({
  id,
  method: row.method,
  path: row.path,
  security: row.security ?? [],
  validate: row.validate,
  parameters: row.parameters ?? [],
  validateParameters: row.validateParameters,
  tokenEndpoint,
  idempotent: row.idempotent === true,
  emptySuccess: row.emptySuccess === true,
});

/** Every operation of the contract but the token endpoint: the methods, from the generated table. */
export const operations: readonly Operation[] = Object.entries(
  operationTable as Record<string, Row>,
).map(([id, row]) => fromRow(id, row, false));

/**
 * The token endpoint, without a validator: the client's own token requests are made by the
 * signer; the api (`createTianmanApi`) adds the contract's for a body a caller sends.
 */
export const tokenEndpoint: Operation = fromRow(
  tokenOperation.operationId,
  { ...tokenOperation, validate: null },
  true,
);
