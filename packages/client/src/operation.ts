import { operationTable, tokenOperation } from './generated/operations.js';
import type { BodyValidator } from './validate.js';

/** One operation of the contract, as the request road sends it. */
export interface Operation {
  /** The operationId: the method's name. */
  id: string;
  method: string;
  /** The path, appended to the base URL. */
  path: string;
  /** The auth modes the contract accepts for it; empty for the token endpoint. */
  security: readonly ('signature' | 'token')[];
  /** The generated validator of its request body. */
  validate: BodyValidator;
  /** The token endpoint: it authenticates with its own signed body, no `Authorization`. */
  tokenEndpoint: boolean;
  /**
   * The contract marks it `x-tianman-idempotent`: sending it twice has the effect of sending it
   * once, so a request the server may have read is sent again after a failure without answer.
   */
  idempotent: boolean;
}

/** `x-tianman-idempotent` of a row of the generated table, `false` when it says nothing. */
const idempotent = (row: object): boolean => (row as { idempotent?: boolean }).idempotent === true;

/** Every operation of the contract, the token endpoint last, from the generated table. */
export const operations: readonly Operation[] = [
  ...Object.entries(operationTable).map(([id, row]) => ({
    id,
    ...row,
    tokenEndpoint: false,
    idempotent: idempotent(row),
  })),
  {
    id: tokenOperation.operationId,
    method: tokenOperation.method,
    path: tokenOperation.path,
    security: [],
    validate: tokenOperation.validate,
    tokenEndpoint: true,
    idempotent: idempotent(tokenOperation),
  },
];
