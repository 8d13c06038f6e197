/**
 * The sim's SafeNet hardware-feature objects, read the way any PKCS#11 program that
 * knows eTPkcs11.h reads them: raw pkcs11js, by CKA_CLASS = CKO_HW_FEATURE and the
 * real CKA_HW_FEATURE_TYPE values, with the numbers written out here rather than taken
 * from TokenDesk's core (so a wrong constant in the core cannot hide itself).
 * pkcs11-tool 0.23 has no --type for hardware features, hence pkcs11js.
 */
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

const ETCKH_TOKEN_OBJECT = 0x80005002;
const ETCKH_PIN_POLICY = 0x80005003;

let sim: EtokenSim;
let lib: pkcs11js.PKCS11;
let slot: Buffer;

beforeAll(() => {
  sim = createEtokenSim({ tokens: 1 });
  lib = new pkcs11js.PKCS11();
  lib.load(sim.modulePath);
  lib.C_Initialize();
  slot = lib.C_GetSlotList(true)[0]!;
});
afterAll(() => {
  lib?.C_Finalize();
  lib?.close();
  sim?.cleanup();
});

function find(session: Buffer, template: pkcs11js.Template): Buffer[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 10);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function read(session: Buffer, object: Buffer, type: number): Buffer {
  const [attribute] = lib.C_GetAttributeValue(session, object, [{ type }]);
  return attribute!.value as Buffer;
}

const ulong = (value: Buffer) => Number(value.readBigUInt64LE(0));

describe('SafeNet hardware-feature objects of the eToken sim', () => {
  it('answers ETCKH_TOKEN_OBJECT by its type, without login, with the vendor value types', () => {
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      const [object, extra] = find(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_HW_FEATURE },
        { type: pkcs11js.CKA_HW_FEATURE_TYPE, value: ETCKH_TOKEN_OBJECT },
      ]);
      expect(object).toBeDefined();
      expect(extra).toBeUndefined();
      expect(read(session, object!, 0x80001101).toString()).toBe('SafeNet eToken 5110 CC'); // ETCKA_PRODUCT_NAME
      expect(read(session, object!, 0x80001102).toString()).toBe('eToken 5110 CC'); // ETCKA_MODEL
      expect([...read(session, object!, 0x80001104)]).toEqual([4, 29]); // ETCKA_FW_REVISION
      expect(read(session, object!, 0x80001107).toString('latin1')).toBe('20230415'); // ETCKA_PRODUCTION_DATE (CK_DATE)
      expect(read(session, object!, 0x80001109).toString('hex').toUpperCase()).toBe(sim.tokens[0]!.simSerial); // ETCKA_TOKEN_ID
      expect(ulong(read(session, object!, 0x80001110))).toBe(15); // ETCKA_RETRY_USER
      expect(ulong(read(session, object!, 0x80001112))).toBe(15); // ETCKA_RETRY_USER_MAX
      expect(ulong(read(session, object!, 0x80001111))).toBe(15); // ETCKA_RETRY_SO
      expect(ulong(read(session, object!, 0x80001113))).toBe(15); // ETCKA_RETRY_SO_MAX
      expect([...read(session, object!, 0x8000111d)]).toEqual([1]); // ETCKA_HAS_SO (CK_BBOOL)
      expect([...read(session, object!, 0x8000111e)]).toEqual([0]); // ETCKA_FIPS
      expect([...read(session, object!, 0x80001121)]).toEqual([1]); // ETCKA_RSA_2048
      expect(ulong(read(session, object!, 0x80001129))).toBeGreaterThan(0); // ETCKA_RSA_AREA_SIZE
      expect(ulong(read(session, object!, 0x8000110e))).toBe(0); // ETCKA_COLOR
      expect(ulong(read(session, object!, 0x8000112b))).toBe(0); // ETCKA_USER_PIN_AGE
      // A generic listing (no class asked) does not show hardware features, as PKCS#11 requires.
      expect(find(session, []).map((handle) => handle.toString('hex'))).not.toContain(object!.toString('hex'));
    } finally {
      lib.C_CloseSession(session);
    }
  });

  it('counts a wrong user PIN in ETCKA_RETRY_USER', () => {
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      expect(() => lib.C_Login(session, pkcs11js.CKU_USER, 'wrong-pin')).toThrow(/CKR_PIN_INCORRECT/u);
      const [object] = find(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_HW_FEATURE },
        { type: pkcs11js.CKA_HW_FEATURE_TYPE, value: ETCKH_TOKEN_OBJECT },
      ]);
      expect(ulong(read(session, object!, 0x80001110))).toBe(14);
      lib.C_Login(session, pkcs11js.CKU_USER, sim.tokens[0]!.userPin);
      expect(ulong(read(session, object!, 0x80001110))).toBe(15);
      lib.C_Logout(session);
    } finally {
      lib.C_CloseSession(session);
    }
  });

  it('reports ETCKH_PIN_POLICY as set through the control CLI, and enforces it when the user PIN is set', () => {
    sim.control(['set-pin-policy', '--min-length', '6', '--mix-chars', '--max-age', '90', '--history', '3']);
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    try {
      const [policy] = find(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_HW_FEATURE },
        { type: pkcs11js.CKA_HW_FEATURE_TYPE, value: ETCKH_PIN_POLICY },
      ]);
      expect(policy).toBeDefined();
      expect(ulong(read(session, policy!, 0x80001202))).toBe(6); // ETCKA_PIN_MIN_LEN
      expect([...read(session, policy!, 0x80001203)]).toEqual([1]); // ETCKA_PIN_MIX_CHARS (CK_BBOOL)
      expect(ulong(read(session, policy!, 0x80001204))).toBe(90); // ETCKA_PIN_MAX_AGE
      expect(ulong(read(session, policy!, 0x80001207))).toBe(3); // ETCKA_PIN_HISTORY_SIZE
      const token = sim.tokens[0]!;
      // All digits: refused by the token before it looks at the old PIN — no try spent.
      expect(() => lib.C_SetPIN(session, 'wrong-old', '12345678')).toThrow(/CKR_PIN_INVALID/u);
      expect(() => lib.C_SetPIN(session, token.userPin, 'ab12')).toThrow(/CKR_PIN_LEN_RANGE/u);
      const [object] = find(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_HW_FEATURE },
        { type: pkcs11js.CKA_HW_FEATURE_TYPE, value: ETCKH_TOKEN_OBJECT },
      ]);
      expect(ulong(read(session, object!, 0x80001110))).toBe(15);
    } finally {
      lib.C_CloseSession(session);
      sim.control(['set-pin-policy']);
    }
  });
});
