const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `format: uuid`: an RFC 4122 UUID, 32 hex digits grouped 8-4-4-4-12, any case. */
export const isUuid = (s: string): boolean => UUID.test(s);
