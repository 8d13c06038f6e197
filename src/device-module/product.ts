/** What `hello` answers about TokenDesk itself (test/unit/device-module checks it against package.json). */
export const PRODUCT = { name: 'TokenDesk', version: '0.1.0' } as const;
