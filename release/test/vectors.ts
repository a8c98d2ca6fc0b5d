/** The platform's worked example (docs/platform.md, V1): what every consumer test signs. */
export const V1 = {
  appId: '12345678901234567890123456789012',
  appKey: '67890123456789012345678901234567',
  timestamp: '20170101120000',
  nonce: '09876543210987654321098765432109',
  body: 'A',
  signature: 'GINsCTyNKTpEI9KXO16KqZJ64fOyAytEKl8aaR/Dy08=',
} as const;

/** A body the contract accepts. */
export const validBody = {
  fenOrderId: 'ORDER20261125001',
  mid: '898310148160568',
  serviceId: '500001000000000000000000000001',
  type: 'Order_Paid',
  detail: { paidTime: '20261125143000' },
} as const;
